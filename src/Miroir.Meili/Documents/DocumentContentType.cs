using Miroir.Meili.Errors;

namespace Miroir.Meili.Documents;

/// <summary>Maps a Content-Type header (and the <c>csvDelimiter</c> parameter) to a payload format.</summary>
public static class DocumentContentType
{
    private const string Accepted = "`application/json`, `application/x-ndjson`, `text/csv`";

    /// <summary>Resolves the format, or throws Meilisearch's content-type errors.</summary>
    /// <param name="contentType">The raw header value, parameters such as charset allowed.</param>
    /// <param name="csvDelimiter">The raw <c>csvDelimiter</c> query parameter, if any.</param>
    /// <param name="delimiter">The CSV delimiter byte (<c>,</c> unless given).</param>
    public static DocumentPayloadFormat Resolve(string? contentType, string? csvDelimiter, out byte delimiter)
    {
        delimiter = (byte)',';
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw new MeiliException(
                ErrorCode.MissingContentType,
                "A Content-Type header is missing. Accepted values for the Content-Type header are: " + Accepted);
        }

        var essence = contentType;
        var semi = essence.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0)
        {
            essence = essence[..semi];
        }

        essence = essence.Trim();
        DocumentPayloadFormat format;
        if (essence.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentPayloadFormat.Json;
        }
        else if (essence.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentPayloadFormat.Ndjson;
        }
        else if (essence.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentPayloadFormat.Csv;
        }
        else
        {
            throw new MeiliException(
                ErrorCode.InvalidContentType,
                $"The Content-Type `{contentType}` is invalid. Accepted values for the Content-Type header are: {Accepted}");
        }

        if (csvDelimiter is not null)
        {
            delimiter = ParseDelimiter(csvDelimiter);
            if (format != DocumentPayloadFormat.Csv)
            {
                throw new MeiliException(
                    ErrorCode.InvalidContentType,
                    $"The Content-Type `{contentType}` does not support the use of a csv delimiter. The csv delimiter can only be used with the Content-Type `text/csv`.");
            }
        }

        return format;
    }

    /// <summary>Validates the <c>csvDelimiter</c> parameter: exactly one ASCII character.</summary>
    public static byte ParseDelimiter(string value)
    {
        var runes = value.EnumerateRunes().Count();
        if (runes != 1)
        {
            throw new MeiliException(
                ErrorCode.InvalidDocumentCsvDelimiter,
                $"Invalid value in parameter `csvDelimiter`: expected a string of one character, but found the following string of {runes} characters: `{value}`");
        }

        if (value.Length != 1 || value[0] > 127)
        {
            throw new MeiliException(
                ErrorCode.InvalidDocumentCsvDelimiter,
                $"Invalid value in parameter `csvDelimiter`: csv delimiter must be an ascii character. Found: `{value}`");
        }

        return (byte)value[0];
    }
}
