using System.Text.Json;
using Miroir.Meili.Validation;

namespace Miroir.Meili.Filters;

/// <summary>The GET <c>filter</c> parameter, read as Meilisearch reads it; the orchestrator must read it the same way.</summary>
public static class FilterQueryParameter
{
    /// <summary>
    /// A GET filter that parses as JSON is taken as that value (the array form, a quoted string);
    /// anything else is the filter expression itself, as Meilisearch does.
    /// </summary>
    public static JsonElement? Read(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: the string is the filter expression itself.
        }

        return JsonValues.StringElement(value);
    }
}
