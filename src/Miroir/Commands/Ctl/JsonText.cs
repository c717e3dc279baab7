using System.Globalization;
using System.Text.Json;

namespace Miroir.Commands.Ctl;

/// <summary>JSON values as table cells: strings bare, null and missing as <c>-</c>, objects and arrays compact.</summary>
internal static class JsonText
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number or JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => "-",
    };

    public static string Of(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) ? Of(value) : "-";

    /// <summary>"3.2s ago" for a Unix-milliseconds timestamp, "never" for null.</summary>
    public static string Ago(JsonElement obj, string property, DateTimeOffset now)
    {
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return "never";
        }

        var seconds = Math.Max(0, (now - DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64())).TotalSeconds);
        return seconds.ToString("0.0", CultureInfo.InvariantCulture) + "s ago";
    }
}
