using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Miroir.Meili.Auth;

/// <summary>Combines a request's filter with a tenant token's filter (both must hold), as Meilisearch does.</summary>
public static class TenantFilters
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Both filters in array form, concatenated: <c>["request", "tenant"]</c>. Each array item is parsed on its own
    /// (by this engine and by Meilisearch) and ANDed, so no text in the request can close the tenant's expression or
    /// open an OR around it, which joining the two as text would allow. Either side missing returns the other.
    /// </summary>
    public static JsonElement? Fuse(JsonElement? request, JsonElement? tenant)
    {
        if (request is not { } left || left.ValueKind == JsonValueKind.Null)
        {
            return tenant;
        }

        if (tenant is not { } right || right.ValueKind == JsonValueKind.Null)
        {
            return request;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            WriteItems(writer, left);
            WriteItems(writer, right);
            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteItems(Utf8JsonWriter writer, JsonElement filter)
    {
        if (filter.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in filter.EnumerateArray())
            {
                item.WriteTo(writer);
            }
        }
        else
        {
            filter.WriteTo(writer);
        }
    }
}
