using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Search;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Indexing;

/// <summary>Facet search, filter validation and document enumeration for the node's routes.</summary>
public sealed partial class EngineIndex
{
    /// <summary>The values of one facet matching the facet query, counted among the search's candidates.</summary>
    public FacetSearchResult FacetSearch(FacetSearchRequest request)
    {
        var search = Search(new SearchRequest
        {
            Q = request.Search.Q,
            Filter = request.Search.Filter,
            MatchingStrategy = request.Search.MatchingStrategy,
            AttributesToSearchOn = request.Search.AttributesToSearchOn,
            RankingScoreThreshold = request.Search.RankingScoreThreshold,
            Limit = 0,
        });
        _lock.EnterReadLock();
        try
        {
            return Facets.FacetSearch.Search(_values, Settings, request.FacetName, request.FacetQuery, search.Candidates);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Parses a filter and checks it only reads filterable attributes; throws <see cref="MeiliException"/>.</summary>
    public void ValidateFilter(JsonElement filter, ErrorCode code)
    {
        if (FilterParser.Parse(filter, code) is { } node)
        {
            FilterValidator.Validate(node, Settings.FilterableAttributes, code);
        }
    }

    /// <summary>A snapshot of every stored document in internal-id order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> EnumerateDocuments()
    {
        _lock.EnterReadLock();
        try
        {
            var all = new List<ReadOnlyMemory<byte>>(_docs.Count);
            foreach (var id in _docs.Alive)
            {
                all.Add(_docs.Json(id));
            }
            return all;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
