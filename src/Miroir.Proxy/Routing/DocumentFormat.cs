namespace Miroir.Proxy.Routing;

/// <summary>Payload formats Meilisearch accepts on the documents route.</summary>
public enum DocumentFormat
{
    /// <summary><c>application/json</c>: an array of objects or one object.</summary>
    Json,

    /// <summary><c>application/x-ndjson</c>: one object per line.</summary>
    NdJson,

    /// <summary><c>text/csv</c>: a header of <c>name[:type]</c> columns, then rows.</summary>
    Csv,
}

/// <summary>Maps a request's Content-Type to a <see cref="DocumentFormat"/>.</summary>
public static class DocumentFormats
{
    /// <summary>Returns false for content types Meilisearch would refuse (invalid_content_type).</summary>
    public static bool TryFromContentType(ReadOnlySpan<char> contentType, out DocumentFormat format)
    {
        var semicolon = contentType.IndexOf(';');
        var media = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentFormat.Json;
            return true;
        }

        if (media.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentFormat.NdJson;
            return true;
        }

        if (media.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            format = DocumentFormat.Csv;
            return true;
        }

        format = default;
        return false;
    }

    internal static string Name(DocumentFormat format) => format switch
    {
        DocumentFormat.NdJson => "ndjson",
        DocumentFormat.Csv => "csv",
        _ => "json",
    };
}
