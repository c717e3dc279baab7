using System.Text.Json;

namespace Miroir.Proxy.Http;

/// <summary>The null-or-value properties the orchestrator's own JSON (state records, admin answers) writes everywhere.</summary>
internal static class JsonWriterExtensions
{
    public static void WriteStringOrNull(this Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A round-trip ISO 8601 date (for Meilisearch-shaped task dates see <c>TaskJson.WriteDate</c>).</summary>
    public static void WriteDateOrNull(this Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
