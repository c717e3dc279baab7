using System.Buffers;
using System.Text.Json;
using Miroir.Engine.Indexing;
using Miroir.Engine.Ranking;

namespace Miroir.Engine.Search.Federation;

/// <summary>Serves <see cref="MultiSearch"/> from an <see cref="EngineIndex"/>.</summary>
public sealed class EngineMultiSearchIndex(EngineIndex index, string? uid = null) : IMultiSearchIndex
{
    /// <summary>The uid the client used (the node's handle may have been renamed by a swap).</summary>
    public string Uid => uid ?? index.Uid;

    public int MaxTotalHits => index.Settings.MaxTotalHits;

    public void WriteSearchResponse(SearchRequest request, Utf8JsonWriter writer) =>
        SearchResponseWriter.Write(writer, index.Search(request));

    public FederatedQueryResult SearchRanked(SearchRequest request, int required)
    {
        var result = index.Search(WithPage(request, required));
        var hits = new FederatedHit[result.Hits.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            var hit = result.Hits[i];
            var fromSemantic = hit.Details is [{ Kind: ScoreDetailKind.Vector }, ..];
            hits[i] = new FederatedHit(hit.DocId, hit.Score, fromSemantic);
        }
        return new FederatedQueryResult(hits, result.Candidates, result.SemanticHitCount is not null, result);
    }

    public void WriteHit(FederatedQueryResult result, int hitIndex, Utf8JsonWriter writer, Action<Utf8JsonWriter> writeExtra)
    {
        var search = (SearchResult)result.State!;
        writer.WriteStartObject();
        HitWriter.WriteHitProperties(writer, search, search.Hits[hitIndex]);
        writeExtra(writer);
        writer.WriteEndObject();
    }

    public ComputedFacets ComputeFacets(IReadOnlyList<string> facets, DocSet candidates)
    {
        var distribution = new Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>>(StringComparer.Ordinal);
        var stats = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal);
        if (facets.Count == 0)
        {
            return new ComputedFacets(distribution, stats);
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            index.WriteFacets(writer, facets, candidates);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        if (document.RootElement.TryGetProperty("facetDistribution", out var facetDistribution))
        {
            foreach (var facet in facetDistribution.EnumerateObject())
            {
                distribution[facet.Name] = facet.Value.EnumerateObject()
                    .Select(v => new KeyValuePair<string, long>(v.Name, v.Value.GetInt64()))
                    .ToList();
            }
        }
        if (document.RootElement.TryGetProperty("facetStats", out var facetStats))
        {
            foreach (var facet in facetStats.EnumerateObject())
            {
                stats[facet.Name] = (facet.Value.GetProperty("min").GetDouble(), facet.Value.GetProperty("max").GetDouble());
            }
        }
        return new ComputedFacets(distribution, stats);
    }

    public string FacetOrder(string facet)
    {
        var orders = index.Settings.Faceting.SortFacetValuesBy;
        return orders.TryGetValue(facet, out var order) ? order : orders.GetValueOrDefault("*", "alpha");
    }

    /// <summary>The same query ranked from the start: a federated query pages the merged list instead.</summary>
    private static SearchRequest WithPage(SearchRequest r, int limit) =>
        r with { Offset = 0, Limit = limit, Page = null, HitsPerPage = null, Facets = null };
}
