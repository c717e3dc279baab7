using System.Diagnostics;
using Miroir.Engine.Facets;
using Miroir.Engine.Ranking;
using Miroir.Engine.Search;
using Miroir.Engine.Vectors;

namespace Miroir.Engine.Indexing;

/// <summary>Keyword and placeholder search.</summary>
public sealed partial class EngineIndex
{
    public SearchResult Search(SearchRequest request) => Search(request, null);

    /// <summary>
    /// Searches within <paramref name="restrictTo"/> when given (the caller already narrowed
    /// the universe, e.g. tenant-token rules or a federated sub-query).
    /// </summary>
    public SearchResult Search(SearchRequest request, DocSet? restrictTo)
    {
        var started = Stopwatch.GetTimestamp();
        _lock.EnterReadLock();
        try
        {
            // Like Meilisearch, the search kind (embedder, vector) is checked before the filter.
            var kind = request.Vector is not null || request.Hybrid is not null
                ? SearchKindResolver.Resolve(request, _vectors)
                : SearchKind.KeywordOnly;
            var universe = _docs.Alive.Clone();
            if (restrictTo is not null)
            {
                universe.IntersectWith(restrictTo);
            }
            if (request.Filter is { } filter)
            {
                universe = FilterUniverse(filter, universe);
            }
            var tokenizer = _tokenizer.Clone();
            var context = new SearchContext(Settings, _index.Dictionary, _docs, _fields, _searchable, _values, tokenizer);
            if (kind.IsSemantic)
            {
                return SearchVectors(request, kind, universe, context, started);
            }
            var (offset, limit) = request.Window();
            using var executor = new SearchExecutor(context, request, universe);
            var (hits, total) = executor.Run(Math.Max(0, offset), Math.Max(0, limit));
            var candidates = executor.Matches;
            var facetJson = request.Facets is { } facets ? FacetJson(facets, candidates) : null;
            return new SearchResult
            {
                Request = request,
                Hits = hits,
                TotalHits = total,
                Offset = offset,
                Limit = limit,
                Candidates = candidates,
                MatchingWords = MatchingWords.From(executor.Terms),
                Formatter = new HitFormatterContext(Settings, tokenizer),
                FacetJson = facetJson,
                VectorsJson = RenderHitVectors(request, hits),
                ProcessingTimeMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Writes <c>facetDistribution</c> and <c>facetStats</c> of <paramref name="facets"/> over
    /// <paramref name="candidates"/> as properties of the current object (federated search).
    /// </summary>
    public void WriteFacets(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<string> facets, DocSet candidates)
    {
        FacetResult result;
        _lock.EnterReadLock();
        try
        {
            result = FacetDistribution.Compute(_values, candidates, facets, Settings.Faceting);
        }
        finally
        {
            _lock.ExitReadLock();
        }
        FacetWriter.Write(writer, result);
    }

    /// <summary>Facets as a JSON object, computed while the caller holds the read lock.</summary>
    private ReadOnlyMemory<byte> FacetJson(IReadOnlyList<string> facets, DocSet candidates)
    {
        var result = FacetDistribution.Compute(_values, candidates, facets, Settings.Faceting);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            FacetWriter.Write(writer, result);
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
