using System.Text.Json;
using Miroir.Meili.Errors;

using Miroir.Meili.Validation;

namespace Miroir.Engine.Settings;

/// <summary>Readers for the object settings, which merge into the current value field by field.</summary>
public static partial class SettingsJson
{
    private static readonly string[] TypoFields = ["enabled", "minWordSizeForTypos", "disableOnWords", "disableOnAttributes", "disableOnNumbers"];
    private static readonly string[] MinWordFields = ["oneTypo", "twoTypos"];
    private static readonly string[] FacetingFields = ["maxValuesPerFacet", "sortFacetValuesBy"];
    private static readonly string[] PaginationFields = ["maxTotalHits"];
    private static readonly string[] UserProvidedFields = ["source", "dimensions", "distribution", "binaryQuantized"];

    private static readonly string[] EmbedderFields =
    [
        "source", "model", "revision", "pooling", "apiKey", "dimensions", "binaryQuantized", "documentTemplate",
        "documentTemplateMaxBytes", "url", "indexingFragments", "searchFragments", "request", "response", "headers",
        "searchEmbedder", "indexingEmbedder", "distribution",
    ];

    private static readonly string[] EmbedderSources = ["openAi", "huggingFace", "ollama", "userProvided", "rest", "composite"];

    private static TypoToleranceSettings ReadTypoTolerance(TypoToleranceSettings current, JsonElement v, string path, bool strict)
    {
        var code = ErrorCode.InvalidSettingsTypoTolerance;
        JsonValues.RequireObject(v, code, path);
        var t = current;
        var defaults = IndexSettings.Default.TypoTolerance;
        foreach (var property in v.EnumerateObject())
        {
            var p = path + "." + property.Name;
            var value = property.Value;
            var isNull = value.ValueKind == JsonValueKind.Null;
            t = property.Name switch
            {
                "enabled" => t with { Enabled = isNull ? defaults.Enabled : JsonValues.Bool(value, code, p) },
                "minWordSizeForTypos" => isNull ? t with { OneTypo = defaults.OneTypo, TwoTypos = defaults.TwoTypos } : ReadMinWordSize(t, value, p),
                "disableOnWords" => t with { DisableOnWords = isNull ? [] : JsonValues.StringList(value, code, p) },
                "disableOnAttributes" => t with { DisableOnAttributes = isNull ? [] : JsonValues.StringList(value, code, p) },
                "disableOnNumbers" => t with { DisableOnNumbers = !isNull && JsonValues.Bool(value, code, p) },
                _ => throw DeserrErrors.UnknownField(code, property.Name, TypoFields, path),
            };
        }

        if (strict && t.OneTypo > t.TwoTypos)
        {
            throw new MeiliException(
                code,
                $"`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but found `oneTypo: {t.OneTypo}` and twoTypos: {t.TwoTypos}`.");
        }

        return t;
    }

    private static TypoToleranceSettings ReadMinWordSize(TypoToleranceSettings t, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsTypoTolerance;
        JsonValues.RequireObject(v, code, path);
        var defaults = IndexSettings.Default.TypoTolerance;
        foreach (var property in v.EnumerateObject())
        {
            var p = path + "." + property.Name;
            var isNull = property.Value.ValueKind == JsonValueKind.Null;
            t = property.Name switch
            {
                "oneTypo" => t with { OneTypo = isNull ? defaults.OneTypo : ReadByte(property.Value, code, p) },
                "twoTypos" => t with { TwoTypos = isNull ? defaults.TwoTypos : ReadByte(property.Value, code, p) },
                _ => throw DeserrErrors.UnknownField(code, property.Name, MinWordFields, path),
            };
        }

        return t;
    }

    private static int ReadByte(JsonElement v, ErrorCode code, string path)
    {
        var n = JsonValues.PositiveInt(v, code, path);
        return n <= 255
            ? n
            : throw DeserrErrors.Invalid(code, path, $"value: `{DeserrErrors.Compact(v)}` is too large to be deserialized, maximum value authorized is `255`");
    }

    private static FacetingSettings ReadFaceting(FacetingSettings current, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsFaceting;
        JsonValues.RequireObject(v, code, path);
        var f = current;
        var defaults = IndexSettings.Default.Faceting;
        foreach (var property in v.EnumerateObject())
        {
            var p = path + "." + property.Name;
            var isNull = property.Value.ValueKind == JsonValueKind.Null;
            f = property.Name switch
            {
                "maxValuesPerFacet" => f with { MaxValuesPerFacet = isNull ? defaults.MaxValuesPerFacet : JsonValues.PositiveInt(property.Value, code, p) },
                "sortFacetValuesBy" => f with { SortFacetValuesBy = isNull ? defaults.SortFacetValuesBy : ReadFacetOrder(property.Value, p) },
                _ => throw DeserrErrors.UnknownField(code, property.Name, FacetingFields, path),
            };
        }

        return f;
    }

    /// <summary>The map replaces the previous one; <c>*</c> stays <c>alpha</c> unless given.</summary>
    private static Dictionary<string, string> ReadFacetOrder(JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsFaceting;
        JsonValues.RequireObject(v, code, path);
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["*"] = "alpha" };
        foreach (var property in v.EnumerateObject())
        {
            map[property.Name] = ReadEnum(property.Value, path + "." + property.Name, code, FacetOrderValues);
        }

        return map;
    }

    private static int ReadPagination(int current, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsPagination;
        JsonValues.RequireObject(v, code, path);
        foreach (var property in v.EnumerateObject())
        {
            if (property.Name != "maxTotalHits")
            {
                throw DeserrErrors.UnknownField(code, property.Name, PaginationFields, path);
            }

            current = property.Value.ValueKind == JsonValueKind.Null
                ? IndexSettings.Default.MaxTotalHits
                : JsonValues.PositiveInt(property.Value, code, path + ".maxTotalHits");
        }

        return current;
    }

    private static Dictionary<string, EmbedderSettings> ReadEmbedders(
        IReadOnlyDictionary<string, EmbedderSettings> current, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsEmbedders;
        JsonValues.RequireObject(v, code, path);
        var result = new Dictionary<string, EmbedderSettings>(current, StringComparer.Ordinal);
        foreach (var property in v.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(property.Name);
                continue;
            }

            current.TryGetValue(property.Name, out var existing);
            result[property.Name] = ReadEmbedder(existing, property.Value, path + "." + property.Name);
        }

        return result;
    }

    private static EmbedderSettings ReadEmbedder(EmbedderSettings? existing, JsonElement v, string path)
    {
        var code = ErrorCode.InvalidSettingsEmbedders;
        JsonValues.RequireObject(v, code, path);
        string? source = existing?.Source;
        int? dimensions = existing?.Dimensions;
        foreach (var property in v.EnumerateObject())
        {
            var p = path + "." + property.Name;
            switch (property.Name)
            {
                case "source":
                    source = ReadEnum(property.Value, p, code, EmbedderSources);
                    break;
                case "dimensions":
                    dimensions = property.Value.ValueKind == JsonValueKind.Null ? null : JsonValues.PositiveInt(property.Value, code, p);
                    if (dimensions == 0)
                    {
                        throw new MeiliException(code, $"`{p}`: `dimensions` cannot be zero");
                    }

                    break;
                case "distribution":
                case "binaryQuantized":
                    break;
                default:
                    if (Array.IndexOf(EmbedderFields, property.Name) < 0)
                    {
                        throw DeserrErrors.UnknownField(code, property.Name, EmbedderFields, path);
                    }

                    throw new MeiliException(
                        code,
                        $"`{path}`: Field `{property.Name}` unavailable for source `{source ?? "userProvided"}`.\n  - note: available fields for source `userProvided`: {DeserrErrors.Quoted(UserProvidedFields)}");
            }
        }

        if (source is null)
        {
            throw new MeiliException(code, $"`{path}`: Missing field `source`.\n  - note: this field is mandatory");
        }

        if (source != "userProvided")
        {
            throw new MeiliException(code, $"`{path}.source`: this engine only serves `userProvided` embedders; source `{source}` is not supported");
        }

        return dimensions is { } d
            ? new EmbedderSettings { Source = source, Dimensions = d }
            : throw new MeiliException(code, $"`{path}`: Missing field `dimensions` (note: this field is mandatory for source `userProvided`)");
    }
}
