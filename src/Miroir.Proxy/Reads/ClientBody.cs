using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>
/// A client's JSON object body as property name → raw value range, read once with <see cref="Utf8JsonReader"/>:
/// node bodies are written from it by copying untouched values byte for byte (no DOM).
/// </summary>
internal sealed class ClientBody
{
    private readonly List<(string Name, int Start, int Length)> _properties;

    private ClientBody(ReadOnlyMemory<byte> raw, List<(string, int, int)> properties)
    {
        Raw = raw;
        _properties = properties;
    }

    public ReadOnlyMemory<byte> Raw { get; }

    public int Count => _properties.Count;

    /// <summary>An empty object, for requests without a body.</summary>
    public static ClientBody Empty { get; } = new(ReadOnlyMemory<byte>.Empty, []);

    /// <summary>Reads the top-level object at the start of <paramref name="raw"/>; null if it is not a JSON object.</summary>
    public static ClientBody? TryParse(ReadOnlyMemory<byte> raw)
    {
        try
        {
            var reader = new Utf8JsonReader(raw.Span, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var properties = new List<(string, int, int)>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                properties.Add((name, start, (int)reader.BytesConsumed - start));
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? new ClientBody(raw, properties) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The raw JSON value of a property, or empty when absent.</summary>
    public ReadOnlySpan<byte> Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? default : Raw.Span.Slice(_properties[i].Start, _properties[i].Length);
    }

    /// <summary>The raw JSON value of a property as memory over the body, or empty when absent.</summary>
    public ReadOnlyMemory<byte> GetMemory(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? default : Raw.Slice(_properties[i].Start, _properties[i].Length);
    }

    /// <summary>Copies every property whose name <paramref name="skip"/> rejects.</summary>
    public void WriteProperties(Utf8JsonWriter writer, Func<string, bool> skip)
    {
        var span = Raw.Span;
        foreach (var (name, start, length) in _properties)
        {
            if (!skip(name))
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(span.Slice(start, length), skipInputValidation: true);
            }
        }
    }

    /// <summary>Feeds every property but the skipped ones (name and raw value) to <paramref name="hash"/>.</summary>
    public void Hash(System.IO.Hashing.XxHash64 hash, Func<string, bool> skip)
    {
        var span = Raw.Span;
        foreach (var (name, start, length) in _properties)
        {
            if (!skip(name))
            {
                hash.Append(System.Text.Encoding.UTF8.GetBytes(name));
                hash.Append(span.Slice(start, length));
            }
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _properties.Count; i++)
        {
            if (string.Equals(_properties[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
