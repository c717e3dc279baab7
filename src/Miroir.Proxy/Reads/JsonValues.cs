using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>Typed reads of one raw JSON value (a <see cref="ClientBody"/> slice); false when the type does not fit.</summary>
internal static class JsonValues
{
    public static bool TryGetNonNegativeInt(ReadOnlySpan<byte> raw, out int value)
    {
        value = 0;
        if (raw.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(raw);
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value) && value >= 0;
    }

    public static bool TryGetBool(ReadOnlySpan<byte> raw, out bool value)
    {
        value = false;
        if (raw.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>A string (null or absent → <paramref name="value"/> null), false for any other type.</summary>
    public static bool TryGetString(ReadOnlySpan<byte> raw, out string? value)
    {
        value = null;
        if (raw.IsEmpty)
        {
            return true;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>An array of strings (null or absent → <paramref name="values"/> null), false for any other shape.</summary>
    public static bool TryGetStrings(ReadOnlySpan<byte> raw, out List<string>? values)
    {
        values = null;
        if (raw.IsEmpty)
        {
            return true;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        values = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            values.Add(reader.GetString()!);
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>The number member <paramref name="name"/> of the object <paramref name="raw"/>, or null.</summary>
    public static double? NumberMember(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(raw);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found && reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetDouble();
            }

            reader.Skip();
        }

        return null;
    }

    public static bool IsNullOrAbsent(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            return true;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        return reader.TokenType == JsonTokenType.Null;
    }
}
