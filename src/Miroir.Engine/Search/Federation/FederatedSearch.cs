using System.Diagnostics;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Search.Federation;

/// <summary>
/// Federated multi-search: each query ranks <c>offset + limit</c> hits, queries on the same index
/// merge first (a document appears once, with its best weighted score), then all indexes merge by
/// weighted ranking score (<c>_rankingScore × weight</c>, ties to the earlier query) and the
/// merged list is paged by <c>federation.offset</c>/<c>limit</c>.
/// </summary>
internal static partial class FederatedSearch
{
    private static readonly JsonEncodedText FederationName = JsonEncodedText.Encode("_federation");
    private static readonly JsonEncodedText IndexUidName = JsonEncodedText.Encode("indexUid");
    private static readonly JsonEncodedText QueriesPositionName = JsonEncodedText.Encode("queriesPosition");
    private static readonly JsonEncodedText WeightedRankingScoreName = JsonEncodedText.Encode("weightedRankingScore");

    /// <summary>A hit of one query in the merged list.</summary>
    private readonly record struct MergedHit(
        IMultiSearchIndex Index, FederatedQueryResult Result, int HitIndex, double WeightedScore, int QueryIndex, bool FromSemantic);

    /// <summary>What one index contributed: its merged hits, candidates and facets.</summary>
    private sealed class IndexResult(string uid, int firstQueryIndex)
    {
        public string Uid { get; } = uid;

        public int FirstQueryIndex { get; } = firstQueryIndex;

        public List<MergedHit> Hits { get; } = [];

        public DocSet Candidates { get; } = new();

        public ComputedFacets? Facets { get; set; }
    }

    public static void Execute(
        IReadOnlyList<MultiSearchQuery> queries, FederationSettings federation,
        Func<string, IMultiSearchIndex?> resolveIndex, Utf8JsonWriter writer)
    {
        var stopwatch = Stopwatch.StartNew();
        // Pagination and facets inside federated queries are refused by the request parser.
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i].Search.Facets is { Count: > 0 } facets)
            {
                throw MultiSearchError.FacetsInFederatedQuery(i, queries[i].IndexUid, facets);
            }
        }
        var required = federation.Offset + federation.Limit;
        var anySemantic = false;
        var indexResults = new List<IndexResult>();
        // Like Meilisearch, indexes are visited in uid order, so the first error follows that order.
        foreach (var group in queries.Select((query, position) => (query, position))
            .GroupBy(x => x.query.IndexUid, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var firstQuery = group.First().position;
            var index = resolveIndex(group.Key) ?? throw MultiSearchError.IndexNotFound(firstQuery, group.Key);
            var result = new IndexResult(group.Key, firstQuery);
            var perQuery = new List<MergedHit>();
            foreach (var (query, position) in group)
            {
                FederatedQueryResult ranked;
                try
                {
                    ranked = index.SearchRanked(query.Search, Math.Min(required, index.MaxTotalHits));
                }
                catch (MeiliException e)
                {
                    throw MultiSearchError.InQuery(position, e);
                }
                anySemantic |= ranked.IsSemantic;
                result.Candidates.UnionWith(ranked.Candidates);
                var weight = query.Weight;
                for (var h = 0; h < ranked.Hits.Count; h++)
                {
                    var hit = ranked.Hits[h];
                    perQuery.Add(new MergedHit(index, ranked, h, hit.Score * weight, position, hit.FromSemantic));
                }
            }
            var seen = new HashSet<int>();
            foreach (var hit in Ordered(perQuery))
            {
                if (result.Hits.Count >= required)
                {
                    break;
                }
                if (seen.Add(hit.Result.Hits[hit.HitIndex].DocId))
                {
                    result.Hits.Add(hit);
                }
            }
            result.Facets = ComputeIndexFacets(federation, index, result);
            indexResults.Add(result);
        }
        CheckUnusedFacetIndexes(federation, indexResults, resolveIndex);
        var merged = Ordered(indexResults.SelectMany(r => r.Hits)).Skip(federation.Offset).Take(federation.Limit).ToList();
        var estimatedTotalHits = indexResults.Sum(r => r.Candidates.Count());
        var mergedFacets = federation.MergeFacets is { } mergeFacets ? MergeFacets(indexResults, mergeFacets, resolveIndex) : null;
        Write(writer, merged, federation, stopwatch.ElapsedMilliseconds, estimatedTotalHits,
            anySemantic ? merged.Count(h => h.FromSemantic) : null, indexResults, mergedFacets);
    }

    /// <summary>Best weighted score first; ties go to the earlier query, then to the query's own order.</summary>
    private static IOrderedEnumerable<MergedHit> Ordered(IEnumerable<MergedHit> hits) =>
        hits.OrderByDescending(h => h.WeightedScore).ThenBy(h => h.QueryIndex).ThenBy(h => h.HitIndex);

    private static void Write(
        Utf8JsonWriter writer, List<MergedHit> hits, FederationSettings federation, long elapsedMs,
        int estimatedTotalHits, int? semanticHitCount, List<IndexResult> indexResults, ComputedFacets? mergedFacets)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("hits");
        foreach (var hit in hits)
        {
            hit.Index.WriteHit(hit.Result, hit.HitIndex, writer, w =>
            {
                w.WriteStartObject(FederationName);
                w.WriteString(IndexUidName, hit.Index.Uid);
                w.WriteNumber(QueriesPositionName, hit.QueryIndex);
                w.WriteNumber(WeightedRankingScoreName, hit.WeightedScore);
                w.WriteEndObject();
            });
        }
        writer.WriteEndArray();
        writer.WriteNumber("processingTimeMs", elapsedMs);
        writer.WriteNumber("limit", federation.Limit);
        writer.WriteNumber("offset", federation.Offset);
        writer.WriteNumber("estimatedTotalHits", estimatedTotalHits);
        if (semanticHitCount is { } count)
        {
            writer.WriteNumber("semanticHitCount", count);
        }
        if (mergedFacets is not null)
        {
            WriteDistribution(writer, "facetDistribution", mergedFacets);
            WriteStats(writer, "facetStats", mergedFacets);
        }
        else if (indexResults.Any(r => r.Facets is not null))
        {
            writer.WriteStartObject("facetsByIndex");
            foreach (var result in indexResults.Where(r => r.Facets is not null))
            {
                writer.WriteStartObject(result.Uid);
                WriteDistribution(writer, "distribution", result.Facets!);
                WriteStats(writer, "stats", result.Facets!);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
