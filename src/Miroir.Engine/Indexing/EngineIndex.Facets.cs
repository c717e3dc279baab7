using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Filtering;
using Miroir.Engine.Search;

namespace Miroir.Engine.Indexing;

/// <summary>Facet search and filter validation against the index's value index.</summary>
public sealed partial class EngineIndex
{
    /// <summary>Facet values of the documents the search part matches, by prefix (with typos) on the facet.</summary>
    public FacetSearchResult FacetSearch(FacetSearchRequest request)
    {
        var candidates = Search(request.Search).Candidates;
        _lock.EnterReadLock();
        try
        {
            return Facets.FacetSearch.Search(_values, Settings, request.FacetName, request.FacetQuery, candidates);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Parses and checks a filter against the filterable attributes without evaluating it.</summary>
    public void ValidateFilter(JsonElement filter, ErrorCode code)
    {
        if (FilterParser.Parse(filter, code) is { } node)
        {
            FilterValidator.Validate(node, Settings.FilterableAttributes, code);
        }
    }
}
