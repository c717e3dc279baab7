using Miroir.Meili.Errors;

namespace Miroir.Proxy.Http;

/// <summary>A request failed with a Meilisearch-shaped error (code, type, status); the error middleware answers it.</summary>
public sealed class ProxyException : Exception
{
    public ProxyException(string code, string type, int status, string message)
        : base(message)
    {
        Code = code;
        Type = type;
        Status = status;
    }

    public ProxyException(ErrorCode code, string message)
        : this(code.Name, code.TypeName, code.Status, message)
    {
    }

    /// <summary>Wire code, e.g. <c>miroir_no_quorum</c>.</summary>
    public string Code { get; }

    /// <summary>Meilisearch error type: invalid_request, auth, internal or system.</summary>
    public string Type { get; }

    public int Status { get; }

    /// <summary>The error object and status this failure is answered with.</summary>
    public ErrorAnswer Answer => new(Status, Code, Type, Message);
}
