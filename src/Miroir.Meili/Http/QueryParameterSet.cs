using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Meili.Validation;

namespace Miroir.Meili.Http;

/// <summary>
/// The query parameters one route accepts, in Meilisearch's declaration order (its error lists them so):
/// any other name is a 400 <c>bad_request</c>, as deserr's <c>deny_unknown_fields</c> answers. Shared by the
/// node and the orchestrator so both reject the same names with the same message.
/// </summary>
public sealed class QueryParameterSet
{
    /// <summary><c>GET /indexes/{uid}/documents</c> (Meilisearch also takes <c>sort</c>, not supported here).</summary>
    public static readonly QueryParameterSet Documents = new("offset", "limit", "fields", "retrieveVectors", "ids", "filter");

    /// <summary><c>GET /indexes/{uid}/documents/{id}</c>.</summary>
    public static readonly QueryParameterSet Document = new("fields", "retrieveVectors");

    /// <summary><c>GET /indexes</c> and <c>GET /keys</c>.</summary>
    public static readonly QueryParameterSet Paging = new("offset", "limit");

    /// <summary><c>GET /tasks</c> and <c>GET /batches</c>.</summary>
    public static readonly QueryParameterSet TaskList = new(
        "limit", "from", "reverse", "batchUids", "uids", "canceledBy", "types", "statuses", "indexUids", "afterEnqueuedAt",
        "beforeEnqueuedAt", "afterStartedAt", "beforeStartedAt", "afterFinishedAt", "beforeFinishedAt");

    /// <summary><c>POST /tasks/cancel</c> and <c>DELETE /tasks</c>.</summary>
    public static readonly QueryParameterSet TaskFilter = new(
        "uids", "batchUids", "canceledBy", "types", "statuses", "indexUids", "afterEnqueuedAt", "beforeEnqueuedAt",
        "afterStartedAt", "beforeStartedAt", "afterFinishedAt", "beforeFinishedAt");

    private readonly string[] _names;

    private QueryParameterSet(params string[] names) => _names = names;

    public IReadOnlyList<string> Names => _names;

    /// <summary>Throws the <c>bad_request</c> of the first parameter that is not accepted.</summary>
    public void Check(IQueryCollection query)
    {
        foreach (var name in query.Keys)
        {
            if (Array.IndexOf(_names, name) < 0)
            {
                throw Unknown(name);
            }
        }
    }

    /// <summary>"Unknown parameter `x`: [did you mean `y`? ]expected one of `a`, `b`".</summary>
    public MeiliException Unknown(string name) =>
        new(ErrorCode.BadRequest, $"Unknown parameter `{name}`: {DeserrErrors.DidYouMean(name, _names)}expected one of {DeserrErrors.Quoted(_names)}");
}
