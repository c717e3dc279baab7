using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Settings;

/// <summary>Validating readers for the list, map and enum settings.</summary>
public static partial class SettingsJson
{
    private static readonly string[] FacetOrderValues = ["alpha", "count"];
    private static readonly string[] BuiltInRules = ["words", "typo", "proximity", "attribute", "sort", "exactness"];
    private static readonly string[] ReservedNames = ["_geo", "_geoDistance", "_geoPoint", "_geoRadius", "_geoBoundingBox"];
    private static readonly string[] LocalizedRuleFields = ["attributePatterns", "locales"];

    private static string ReadEnum(JsonElement v, string path, ErrorCode code, string[] accepted)
    {
        var value = JsonValues.String(v, code, path);
        return Array.IndexOf(accepted, value) >= 0 ? value : throw DeserrErrors.UnknownValue(code, value, path, accepted);
    }

    private static List<string> ReadRankingRules(JsonElement v, string path)
    {
        var rules = JsonValues.StringList(v, ErrorCode.InvalidSettingsRankingRules, path);
        for (var i = 0; i < rules.Count; i++)
        {
            if (RankingRuleError(rules[i]) is { } message)
            {
                throw DeserrErrors.Invalid(ErrorCode.InvalidSettingsRankingRules, $"{path}[{i}]", message);
            }
        }

        return rules;
    }

    /// <summary>Null when <paramref name="rule"/> is a built-in rule or <c>field:asc|desc</c>.</summary>
    private static string? RankingRuleError(string rule)
    {
        if (Array.IndexOf(BuiltInRules, rule) >= 0)
        {
            return null;
        }

        var colon = rule.LastIndexOf(':');
        var direction = colon < 0 ? "" : rule[(colon + 1)..];
        if (colon <= 0 || direction is not ("asc" or "desc"))
        {
            return $"`{rule}` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.";
        }

        var field = rule[..colon];
        if (field.StartsWith("_geoPoint(", StringComparison.Ordinal))
        {
            return "`_geoPoint` is a reserved keyword and thus can't be used as a ranking rule. `_geoPoint` can only be used for sorting at search time";
        }

        return Array.IndexOf(ReservedNames, field) >= 0
            ? $"`{field}` is a reserved keyword and thus can't be used as a ranking rule"
            : null;
    }

    /// <summary>Strings and/or object rules; the patterns are flattened, the rules kept when any is an object.</summary>
    private static IndexSettings ReadFilterable(IndexSettings s, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsFilterableAttributes;
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw DeserrErrors.WrongType(code, path, "an array", v);
        }

        var patterns = new List<string>();
        var rules = new List<FilterableAttributeRule>();
        var anyObject = false;
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                patterns.Add(item.GetString()!);
                rules.Add(new FilterableAttributeRule { Field = item.GetString()! });
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                throw DeserrErrors.WrongType(code, itemPath, "a string or an object", item);
            }

            anyObject = true;
            var rule = ReadFilterableRule(item, itemPath);
            patterns.AddRange(rule.AttributePatterns);
            rules.Add(rule);
        }

        return s with { FilterableAttributes = patterns, FilterableAttributeRules = anyObject ? rules : null };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadSynonyms(JsonElement v, string path)
    {
        JsonValues.RequireObject(v, ErrorCode.InvalidSettingsSynonyms, path);
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in v.EnumerateObject())
        {
            map[property.Name] = JsonValues.StringList(property.Value, ErrorCode.InvalidSettingsSynonyms, path + "." + property.Name);
        }

        return map;
    }

    /// <summary>Validated for its shape only: localized tokenisation is not implemented, GET answers null.</summary>
    private static IndexSettings ValidateLocalized(IndexSettings s, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsLocalizedAttributes;
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw DeserrErrors.WrongType(code, path, "an array", v);
        }

        var i = 0;
        foreach (var rule in v.EnumerateArray())
        {
            var rulePath = $"{path}[{i++}]";
            JsonValues.RequireObject(rule, code, rulePath);
            foreach (var property in rule.EnumerateObject())
            {
                if (Array.IndexOf(LocalizedRuleFields, property.Name) < 0)
                {
                    throw DeserrErrors.UnknownField(code, property.Name, LocalizedRuleFields, rulePath);
                }

                JsonValues.StringList(property.Value, code, rulePath + "." + property.Name);
            }
        }

        return s;
    }

    private static void WriteNullableInt(Utf8JsonWriter writer, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
