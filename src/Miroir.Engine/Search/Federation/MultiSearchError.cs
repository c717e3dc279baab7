using Miroir.Meili.Errors;

namespace Miroir.Engine.Search.Federation;

/// <summary>Builds the multi-search errors, which Meilisearch prefixes with where they happened.</summary>
internal static class MultiSearchError
{
    public static MeiliException InQuery(int queryIndex, MeiliException inner) =>
        InQuery(queryIndex, inner.Code, inner.Message);

    public static MeiliException InQuery(int queryIndex, ErrorCode code, string message) =>
        new(code, $"Inside `.queries[{queryIndex}]`: {message}");

    public static MeiliException IndexNotFound(int queryIndex, string indexUid) =>
        InQuery(queryIndex, ErrorCode.IndexNotFoundInMultiSearch, $"Index `{indexUid}` not found.");

    public static MeiliException FacetsInFederatedQuery(int queryIndex, string indexUid, IReadOnlyList<string> facets) =>
        new(ErrorCode.InvalidMultiSearchQueryFacets,
            $"Inside `.queries[{queryIndex}]`: Using facet options is not allowed in federated queries.\n - Hint: remove `facets` from query #{queryIndex} or remove `federation` from the request\n - Hint: pass `federation.facetsByIndex.{indexUid}: [{string.Join(", ", facets.Select(f => $"\"{f}\""))}]` for facets in federated search");

    /// <summary>An error about <c>federation.facetsByIndex.{uid}</c>, with the query that uses the index.</summary>
    public static MeiliException InFacetsByIndex(string indexUid, int? queryIndex, ErrorCode code, string message)
    {
        var note = queryIndex is { } q
            ? $"\n - Note: index `{indexUid}` used in `.queries[{q}]`"
            : $"\n - Note: index `{indexUid}` is not used in queries";
        // Facet errors inside a multi-search carry the multi-search code, as in Meilisearch.
        var mapped = code == ErrorCode.InvalidSearchFacets ? ErrorCode.InvalidMultiSearchFacets : code;
        return new MeiliException(mapped, $"Inside `.federation.facetsByIndex.{indexUid}`: {message}{note}");
    }
}
