using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;

namespace Miroir.Engine.Tests.Federation;

/// <summary>
/// A tiny index for the multi-search tests: each document has a genre and, per query word, a
/// fixed ranking score. A query ranks the documents scored for its <c>q</c>, best first.
/// </summary>
internal sealed class ScriptedIndex(string uid, params (int Id, string Genre, Dictionary<string, double> Scores)[] docs) : IMultiSearchIndex
{
    public string Uid { get; } = uid;

    public int MaxTotalHits { get; init; } = 1000;

    public string GenreOrder { get; init; } = "alpha";

    public void WriteSearchResponse(SearchRequest request, Utf8JsonWriter writer)
    {
        var result = SearchRanked(request, request.Offset + request.Limit);
        writer.WriteStartObject();
        writer.WriteStartArray("hits");
        for (var i = request.Offset; i < result.Hits.Count; i++)
        {
            WriteHit(result, i, writer, _ => { });
        }
        writer.WriteEndArray();
        writer.WriteString("query", request.Q ?? "");
        writer.WriteNumber("estimatedTotalHits", result.Candidates.Count());
        writer.WriteEndObject();
    }

    public FederatedQueryResult SearchRanked(SearchRequest request, int required)
    {
        if (request.Q == "boom")
        {
            throw new MeiliException(ErrorCode.InvalidSearchFilter, "Attribute `x` is not filterable.");
        }
        var matching = docs.Where(d => d.Scores.ContainsKey(request.Q ?? "")).ToList();
        var candidates = new DocSet();
        matching.ForEach(d => candidates.Add(d.Id));
        var hits = matching.OrderByDescending(d => d.Scores[request.Q ?? ""]).ThenBy(d => d.Id)
            .Take(required)
            .Select(d => new FederatedHit(d.Id, d.Scores[request.Q ?? ""]))
            .ToList();
        return new FederatedQueryResult(hits, candidates, false, request);
    }

    public void WriteHit(FederatedQueryResult result, int hitIndex, Utf8JsonWriter writer, Action<Utf8JsonWriter> writeExtra)
    {
        var hit = result.Hits[hitIndex];
        writer.WriteStartObject();
        writer.WriteNumber("id", hit.DocId);
        if (((SearchRequest)result.State!).ShowRankingScore)
        {
            writer.WriteNumber("_rankingScore", hit.Score);
        }
        writeExtra(writer);
        writer.WriteEndObject();
    }

    public ComputedFacets ComputeFacets(IReadOnlyList<string> facets, DocSet candidates)
    {
        if (facets.Any(f => f != "genre"))
        {
            throw new MeiliException(ErrorCode.InvalidSearchFacets, "Invalid facet distribution: Attribute `nope` is not filterable.");
        }
        var counts = docs.Where(d => candidates.Contains(d.Id)).GroupBy(d => d.Genre)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Count()))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return new ComputedFacets(
            new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>> { ["genre"] = counts },
            new Dictionary<string, (double, double)>());
    }

    public string FacetOrder(string facet) => GenreOrder;
}
