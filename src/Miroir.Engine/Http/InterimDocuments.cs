using System.Text.Json;
using Miroir.Engine.Errors;

namespace Miroir.Engine.Http;

/// <summary>
/// Interim document payload parsing (JSON array or object, NDJSON) with the same shape as
/// the settings team's DocumentPayloadParser, which replaces it once it lands on main.
/// </summary>
internal static class InterimDocuments
{
    public static List<ReadOnlyMemory<byte>> Parse(byte[] body, string? contentType)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(type))
        {
            throw new MeiliException(ErrorCode.MissingContentType,
                "A Content-Type header is missing. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`");
        }
        if (type is not ("application/json" or "application/x-ndjson"))
        {
            throw new MeiliException(ErrorCode.InvalidContentType,
                $"The Content-Type `{contentType}` is invalid. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`");
        }
        var docs = new List<ReadOnlyMemory<byte>>();
        try
        {
            if (type == "application/x-ndjson")
            {
                var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
                while (reader.Read())
                {
                    docs.Add(Object(ref reader, body));
                }
                return docs;
            }
            var r = new Utf8JsonReader(body);
            if (!r.Read())
            {
                throw new MeiliException(ErrorCode.MissingPayload, "A json payload is missing.");
            }
            if (r.TokenType == JsonTokenType.StartArray)
            {
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    docs.Add(Object(ref r, body));
                }
            }
            else
            {
                docs.Add(Object(ref r, body));
            }
            return docs;
        }
        catch (JsonException e)
        {
            throw new MeiliException(ErrorCode.MalformedPayload, $"The `json` payload provided is malformed. `{e.Message}`.");
        }
    }

    private static ReadOnlyMemory<byte> Object(ref Utf8JsonReader reader, byte[] body)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MeiliException(ErrorCode.MalformedPayload,
                "The `json` payload provided is malformed. `Couldn't serialize document value: data are neither an object nor a list of objects`.");
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return body.AsMemory(start, (int)reader.BytesConsumed - start);
    }
}
