using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>
/// One request to a node: method, path and query (relative to the node's address), an optional body and content
/// type, custom headers. <c>Authorization</c>, <c>Host</c>, <c>Content-Length</c> and <c>Accept-Encoding: identity</c>
/// are added by the transport.
/// </summary>
public readonly struct NodeRequest
{
    private readonly bool? _replayable;
    private readonly bool? _read;

    public NodeRequest(HttpMethod method, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        Method = method;
        PathAndQuery = pathAndQuery;
    }

    public HttpMethod Method { get; init; }

    /// <summary>Such as <c>/indexes/movies/search</c> or <c>indexes/movies/documents?limit=20</c> (leading slash optional).</summary>
    public string PathAndQuery { get; init; }

    /// <summary>The body, empty for none (a <see cref="ReadOnlyMemory{T}"/> converts implicitly through <see cref="WithBody(ReadOnlyMemory{byte}, string)"/>).</summary>
    public ReadOnlySequence<byte> Body { get; init; }

    /// <summary>The <c>Content-Type</c> header value, null for none.</summary>
    public string? ContentType { get; init; }

    /// <summary>Extra headers (such as <c>X-Miroir-Tie-Break</c>); names and values must be ASCII.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; init; }

    /// <summary>This request's deadline; zero uses the transport's default.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>
    /// Whether sending the request twice is harmless, so a pooled connection found dead may retry it on a fresh one.
    /// Defaults to the method's idempotence; a search POST may set it to true.
    /// </summary>
    public bool Replayable
    {
        get => _replayable ?? (Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put
            || Method == HttpMethod.Delete || Method == HttpMethod.Options);
        init => _replayable = value;
    }

    /// <summary>
    /// Whether the request only reads, as observers label it (metrics say <c>read</c> or <c>write</c>). Defaults to GET
    /// and HEAD; a search POST sets it to true.
    /// </summary>
    public bool IsRead
    {
        get => _read ?? (Method == HttpMethod.Get || Method == HttpMethod.Head);
        init => _read = value;
    }

    public static NodeRequest Get(string pathAndQuery) => new(HttpMethod.Get, pathAndQuery);

    public static NodeRequest Post(string pathAndQuery, ReadOnlyMemory<byte> json) =>
        new NodeRequest(HttpMethod.Post, pathAndQuery).WithBody(json, "application/json");

    /// <summary>This request with <paramref name="body"/> of type <paramref name="contentType"/>.</summary>
    public NodeRequest WithBody(ReadOnlyMemory<byte> body, string contentType) =>
        this with { Body = new ReadOnlySequence<byte>(body), ContentType = contentType };
}
