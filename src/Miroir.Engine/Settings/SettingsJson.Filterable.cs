using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Settings;

/// <summary>The object form of <c>filterableAttributes</c> entries: reading and writing.</summary>
public static partial class SettingsJson
{
    private static readonly string[] FilterableRuleFields = ["attributePatterns", "features"];
    private static readonly string[] FeatureFields = ["facetSearch", "filter"];
    private static readonly string[] FilterFeatureFields = ["equality", "comparison"];

    private static FilterableAttributeRule ReadFilterableRule(JsonElement item, string path)
    {
        var code = ErrorCode.InvalidSettingsFilterableAttributes;
        var rule = new FilterableAttributeRule();
        var hasPatterns = false;
        foreach (var property in item.EnumerateObject())
        {
            var p = path + "." + property.Name;
            switch (property.Name)
            {
                case "attributePatterns":
                    rule = rule with { AttributePatterns = JsonValues.StringList(property.Value, code, p) };
                    hasPatterns = true;
                    break;
                case "features":
                    rule = ReadFeatures(rule, property.Value, p);
                    break;
                default:
                    throw DeserrErrors.UnknownField(code, property.Name, FilterableRuleFields, path);
            }
        }

        return hasPatterns ? rule : throw DeserrErrors.Missing(code, "attributePatterns", path);
    }

    private static FilterableAttributeRule ReadFeatures(FilterableAttributeRule rule, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsFilterableAttributes;
        JsonValues.RequireObject(v, code, path);
        foreach (var property in v.EnumerateObject())
        {
            var p = path + "." + property.Name;
            switch (property.Name)
            {
                case "facetSearch":
                    rule = rule with { FacetSearch = JsonValues.Bool(property.Value, code, p) };
                    break;
                case "filter":
                    JsonValues.RequireObject(property.Value, code, p);
                    foreach (var f in property.Value.EnumerateObject())
                    {
                        rule = f.Name switch
                        {
                            "equality" => rule with { Equality = JsonValues.Bool(f.Value, code, p + ".equality") },
                            "comparison" => rule with { Comparison = JsonValues.Bool(f.Value, code, p + ".comparison") },
                            _ => throw DeserrErrors.UnknownField(code, f.Name, FilterFeatureFields, p),
                        };
                    }

                    break;
                default:
                    throw DeserrErrors.UnknownField(code, property.Name, FeatureFields, path);
            }
        }

        return rule;
    }

    /// <summary>Entries in the order given (a list since Meilisearch 1.14), objects with every feature spelled out.</summary>
    private static void WriteFilterable(Utf8JsonWriter writer, IndexSettings s)
    {
        if (s.FilterableAttributeRules is not { } rules)
        {
            WriteList(writer, s.FilterableAttributes);
            return;
        }

        writer.WriteStartArray();
        foreach (var rule in rules)
        {
            if (rule.Field is { } field)
            {
                writer.WriteStringValue(field);
                continue;
            }

            writer.WriteStartObject();
            writer.WritePropertyName("attributePatterns");
            WriteList(writer, rule.AttributePatterns);
            writer.WriteStartObject("features");
            writer.WriteBoolean("facetSearch", rule.FacetSearch);
            writer.WriteStartObject("filter");
            writer.WriteBoolean("equality", rule.Equality);
            writer.WriteBoolean("comparison", rule.Comparison);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
