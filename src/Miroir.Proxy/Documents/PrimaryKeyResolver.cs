using System.Text;
using System.Text.Json;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;
using Miroir.Proxy.Http;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Documents;

/// <summary>
/// Spec §3.2: the index's primary key, or <c>?primaryKey=</c>, or Meilisearch's inference on the first document
/// when it is unambiguous (otherwise Meilisearch's inference error); <c>miroir_primary_key_required</c> when there is no document.
/// </summary>
internal static class PrimaryKeyResolver
{
    public static string Resolve(string uid, string? indexKey, string? queryKey, ReadOnlySpan<byte> body, DocumentFormat format, byte csvDelimiter)
    {
        if (indexKey is not null)
        {
            if (queryKey is not null && queryKey != indexKey)
            {
                throw new ProxyException(ErrorCode.IndexPrimaryKeyAlreadyExists, $"Index `{uid}`: Index already has a primary key: `{indexKey}`.");
            }

            return indexKey;
        }

        if (!string.IsNullOrEmpty(queryKey))
        {
            return queryKey;
        }

        var first = FirstDocument(body, format, csvDelimiter);
        if (first is null)
        {
            throw MiroirErrors.PrimaryKeyRequired("The payload has no document to infer it from.");
        }

        // No candidate or several: a MeiliException the caller turns into a failed task, as Meilisearch does.
        return PrimaryKeyInference.Infer(first);
    }

    /// <summary>The first document as a JSON object (for CSV, an object of the header's column names), or null.</summary>
    private static byte[]? FirstDocument(ReadOnlySpan<byte> body, DocumentFormat format, byte csvDelimiter)
    {
        try
        {
            return format switch
            {
                DocumentFormat.Csv => CsvHeaderObject(body, csvDelimiter),
                DocumentFormat.NdJson => FirstJsonObject(FirstLine(body)),
                _ => FirstJsonObject(body),
            };
        }
        catch (JsonException)
        {
            return null; // malformed: the router reports it with Meilisearch's message
        }
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> body)
    {
        body = body.TrimStart(" \t\r\n"u8);
        var end = body.IndexOf((byte)'\n');
        return end < 0 ? body : body[..end];
    }

    private static byte[]? FirstJsonObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.StartArray && !reader.Read())
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..((int)reader.TokenStartIndex + 1)].ToArray();
    }

    private static byte[]? CsvHeaderObject(ReadOnlySpan<byte> body, byte delimiter)
    {
        var header = Encoding.UTF8.GetString(FirstLine(body)).TrimEnd('\r');
        if (header.Length == 0)
        {
            return null;
        }

        return JsonBytes.Write((header, (char)delimiter), static (w, s) =>
        {
            w.WriteStartObject();
            foreach (var column in s.header.Split(s.Item2))
            {
                var name = column.Trim().Trim('"');
                var colon = name.LastIndexOf(':');
                w.WriteNull(colon > 0 ? name[..colon] : name);
            }

            w.WriteEndObject();
        });
    }
}
