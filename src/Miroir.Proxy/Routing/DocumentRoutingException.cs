namespace Miroir.Proxy.Routing;

/// <summary>A batch was refused before anything was sent: a Meilisearch-style error (code, message, type, status).</summary>
/// <remarks>Kept local to routing until the orchestrator's error catalog exists; the server maps it to an error object.</remarks>
public sealed class DocumentRoutingException : Exception
{
    public DocumentRoutingException(string code, string message, int status = 400)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    /// <summary>Wire code, e.g. <c>invalid_document_id</c>.</summary>
    public string Code { get; }

    /// <summary>HTTP status the client receives.</summary>
    public int Status { get; }

    /// <summary>Meilisearch error type; every routing error is the client's fault.</summary>
    public string Type => "invalid_request";

    /// <summary>The documentation link Meilisearch puts in every error object.</summary>
    public string Link => "https://docs.meilisearch.com/errors#" + Code;

    internal static DocumentRoutingException MalformedJson(string format, string detail) =>
        new("malformed_payload", $"The `{format}` payload provided is malformed. `{detail}`.");

    internal static DocumentRoutingException MissingPayload(string format) =>
        new("missing_payload", $"A {format} payload is missing.");

    internal static DocumentRoutingException NotAnObject(string format, string found) =>
        new("malformed_payload", $"The `{format}` payload provided is malformed. `Couldn't serialize document value: invalid type: {found}, expected a map`.");

    internal static DocumentRoutingException MissingId(string primaryKey, string document) =>
        new("missing_document_id", $"Document doesn't have a `{primaryKey}` attribute: `{document}`.");

    internal static DocumentRoutingException InvalidId(string value) =>
        new("invalid_document_id", $"Document identifier `{value}` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.");

    internal static DocumentRoutingException ReservedField(string field) =>
        new("miroir_reserved_field", $"Document contains the reserved field `{field}`. Fields starting with `_miroir_` are managed by Miroir and cannot be sent by clients.");

    internal static DocumentRoutingException PrimaryKeyRequired() =>
        new("miroir_primary_key_required", "The primary key of the index is unknown. Declare it when creating the index or pass `?primaryKey=` with the first batch.");
}
