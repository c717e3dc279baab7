using System.Text.Json;

namespace Miroir.Proxy.Http;

/// <summary>Where each object of a node answer's <c>results</c> array lies, found without materialising any.</summary>
internal static class ResultSlices
{
    /// <summary>Adds the range of every <c>results</c> object to <paramref name="found"/>; false when the answer has no <c>results</c> array.</summary>
    public static bool Find(ReadOnlySpan<byte> body, List<Range> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        var any = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResults = reader.ValueTextEquals("results"u8);
            reader.Read();
            if (!isResults || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            any = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                found.Add(start..(int)reader.BytesConsumed);
            }
        }

        return any;
    }
}
