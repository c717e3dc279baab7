using System.Globalization;
using System.Text.Json;

namespace Miroir.Meili.Auth;

/// <summary>
/// The stored form of an <see cref="ApiKeyMutation"/> (one log record): a flat JSON object with
/// round-trip ("O") dates. The secret key value is never stored; it is derived again at load.
/// </summary>
public static class ApiKeyMutationJson
{
    public static void Write(Utf8JsonWriter writer, ApiKeyMutation mutation)
    {
        var key = mutation.Key;
        writer.WriteStartObject();
        writer.WriteString("uid", key.Uid.ToString("D"));
        writer.WriteBoolean("deleted", mutation.Deleted);
        WriteOptional(writer, "name", key.Name);
        WriteOptional(writer, "description", key.Description);
        writer.WriteStartArray("actions");
        foreach (var action in key.Actions)
        {
            writer.WriteStringValue(action);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("indexes");
        foreach (var index in key.Indexes)
        {
            writer.WriteStringValue(index);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "expiresAt", key.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("createdAt", key.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteString("updatedAt", key.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    public static byte[] ToBytes(ApiKeyMutation mutation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, mutation);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static ApiKeyMutation Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var key = new ApiKey
        {
            Uid = Guid.Parse(root.GetProperty("uid").GetString()!),
            Name = OptionalString(root, "name"),
            Description = OptionalString(root, "description"),
            Actions = root.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray(),
            Indexes = root.GetProperty("indexes").EnumerateArray().Select(a => a.GetString()!).ToArray(),
            ExpiresAt = OptionalString(root, "expiresAt") is { } e ? ParseDate(e) : null,
            CreatedAt = ParseDate(root.GetProperty("createdAt").GetString()!),
            UpdatedAt = ParseDate(root.GetProperty("updatedAt").GetString()!),
        };
        return new ApiKeyMutation(key, root.GetProperty("deleted").GetBoolean());
    }

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
