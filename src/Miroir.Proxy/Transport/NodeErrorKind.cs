namespace Miroir.Proxy.Transport;

/// <summary>Why a node exchange did not end in a 2xx/3xx answer.</summary>
public enum NodeErrorKind
{
    /// <summary>The node answered with a success or redirect status.</summary>
    None,

    /// <summary>No TCP connection could be opened (refused, unreachable host, name not resolved).</summary>
    ConnectFailed,

    /// <summary>The request's deadline passed before the whole answer was read.</summary>
    Timeout,

    /// <summary>The connection broke (reset or closed) before the whole answer was read.</summary>
    ConnectionReset,

    /// <summary>The node sent something that is not a valid HTTP/1.1 answer.</summary>
    Protocol,

    /// <summary>The caller cancelled the request: says nothing about the node.</summary>
    Canceled,

    /// <summary>The node answered with a 4xx or 5xx status.</summary>
    HttpStatus,
}
