using System.Text.Json;
using Miroir.Engine.Ranking;
using Miroir.Engine.Search;
using Miroir.Engine.Vectors;

namespace Miroir.Engine.Indexing;

/// <summary>
/// Vectors of <c>userProvided</c> embedders: validated with the batch, stored beside the
/// documents (a replaced document keeps the vectors its new version does not mention), and
/// searched by <see cref="HybridSearch"/> when a request carries <c>vector</c> or <c>hybrid</c>.
/// </summary>
public sealed partial class EngineIndex
{
    private VectorStore _vectors = null!;

    /// <summary>The index's vectors; read it under the index lock only.</summary>
    internal VectorStore Vectors => _vectors;

    private void InitVectors() => _vectors = new VectorStore(Settings.Embedders);

    /// <summary>Validates the vectors of a whole batch (documents in their final form) before any write.</summary>
    private Dictionary<string, DocumentVectors>? ValidateVectors(List<string> order, Dictionary<string, byte[]> final)
    {
        if (!_vectors.HasEmbedders)
        {
            return null;
        }
        var batch = new VectorBatch(_vectors);
        var parsed = new Dictionary<string, DocumentVectors>(order.Count, StringComparer.Ordinal);
        foreach (var id in order)
        {
            using var doc = JsonDocument.Parse(final[id]);
            int? existing = _docs.TryGetInternalId(id, out var internalId) ? internalId : null;
            parsed[id] = batch.Add(id, doc.RootElement, existing);
        }
        batch.ThrowIfMissingVectors();
        return parsed;
    }

    /// <summary>Stores a written document's vectors; <paramref name="previousId"/> is the version it replaced.</summary>
    private void ApplyVectors(string externalId, int? previousId, int newId, Dictionary<string, DocumentVectors>? parsed)
    {
        if (previousId is { } previous)
        {
            _vectors.Move(previous, newId);
        }
        if (parsed is not null && parsed.TryGetValue(externalId, out var vectors))
        {
            _vectors.Apply(newId, vectors);
        }
    }

    /// <summary>
    /// A new <c>embedders</c> setting: dropped or resized embedders lose their vectors, and new
    /// ones pick up what the stored documents carry under <c>_vectors.{name}</c>.
    /// </summary>
    private void UpdateVectorSettings(Settings.IndexSettings old)
    {
        if (ReferenceEquals(old.Embedders, Settings.Embedders))
        {
            return;
        }
        _vectors.UpdateEmbedders(Settings.Embedders);
        var added = Settings.Embedders.Where(e => !old.Embedders.TryGetValue(e.Key, out var was) || was.Dimensions != e.Value.Dimensions)
            .Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        if (added.Count == 0)
        {
            return;
        }
        foreach (var id in _docs.Alive)
        {
            using var doc = JsonDocument.Parse(_docs.Json(id));
            if (!doc.RootElement.TryGetProperty("_vectors", out var field) || field.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            try
            {
                _vectors.Apply(id, _vectors.Parse(_docs.ExternalId(id), field), added);
            }
            catch (Meili.Errors.MeiliException)
            {
                // A stored entry that does not fit the new embedder is left out rather than
                // failing the settings task (Meilisearch would fail it; see api-compatibility).
            }
        }
    }

    /// <summary>
    /// Every document as it must be re-added to rebuild this index (snapshots): stored JSON whose
    /// <c>_vectors</c> is replaced by the index's vectors, one entry per embedder.
    /// </summary>
    public List<ReadOnlyMemory<byte>> ExportDocuments()
    {
        _lock.EnterReadLock();
        try
        {
            var documents = new List<ReadOnlyMemory<byte>>(_docs.Count);
            foreach (var id in _docs.Alive)
            {
                documents.Add(_vectors.HasEmbedders ? WithVectors(id) : _docs.Json(id));
            }
            return documents;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// A stored document as the documents routes show it; the caller holds the read lock. Meilisearch
    /// hides <c>_vectors</c> unless <c>retrieveVectors</c> is set, and then shows the index's vectors
    /// (<c>{"embeddings": [[...]], "regenerate": false}</c> per embedder).
    /// </summary>
    private ReadOnlyMemory<byte> Display(int id, bool retrieveVectors)
    {
        var stored = _docs.Json(id);
        // Most documents carry no `_vectors`: return them as stored without parsing.
        if (!retrieveVectors && stored.AsSpan().IndexOf("\"_vectors\""u8) < 0)
        {
            return stored;
        }
        using var doc = JsonDocument.Parse(stored);
        return Rewrite(doc.RootElement, retrieveVectors ? id : null, export: false);
    }

    private byte[] WithVectors(int id)
    {
        using var doc = JsonDocument.Parse(_docs.Json(id));
        return Rewrite(doc.RootElement, id, export: true);
    }

    /// <summary>Copies a document without its <c>_vectors</c>, then writes the index's view for <paramref name="id"/> if given.</summary>
    private byte[] Rewrite(JsonElement root, int? id, bool export)
    {
        JsonElement? stored = null;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("_vectors"))
                {
                    stored = property.Value;
                    continue;
                }
                property.WriteTo(writer);
            }
            if (id is { } docId && export)
            {
                _vectors.WriteExportVectorsField(writer, docId, stored);
            }
            else if (id is { } shownId)
            {
                _vectors.WriteVectorsField(writer, shownId, stored);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Semantic or hybrid search; the caller holds the read lock.</summary>
    private SearchResult SearchVectors(SearchRequest request, SearchKind kind, DocSet universe, SearchContext context, long started)
    {
        var (offset, limit) = request.Window();
        offset = Math.Clamp(offset, 0, Settings.MaxTotalHits);
        limit = Math.Clamp(limit, 0, Settings.MaxTotalHits - offset);
        SearchExecutor? executor = null;
        var keywordHits = new Dictionary<int, SearchHit>();
        RankedDocs KeywordSearch(int k)
        {
            executor = new SearchExecutor(context, request, universe);
            var (hits, total) = executor.Run(0, k);
            foreach (var hit in hits)
            {
                keywordHits[hit.DocId] = hit;
            }
            return new RankedDocs(hits.Select(h => new ScoredDoc(h.DocId, h.Score)).ToList(), total);
        }
        var outcome = HybridSearch.Execute(kind, _vectors, KeywordSearch, universe, offset, limit, request.RankingScoreThreshold);
        var hits = new List<SearchHit>(outcome.Hits.Count);
        foreach (var hit in outcome.Hits)
        {
            var searchHit = !hit.FromSemantic && keywordHits.TryGetValue(hit.DocId, out var keywordHit)
                ? keywordHit
                : new SearchHit
                {
                    DocId = hit.DocId,
                    ExternalId = _docs.ExternalId(hit.DocId),
                    Json = _docs.Json(hit.DocId),
                    Score = hit.Score,
                    Details = [new ScoreDetail(ScoreDetailKind.Vector, default) { Number = hit.Score }],
                };
            hits.Add(searchHit);
        }
        var candidates = kind.Type == SearchKindType.SemanticOnly || outcome.SemanticHitCount > 0 || executor is null
            ? universe
            : executor.Matches;
        return new SearchResult
        {
            Request = request,
            Hits = hits,
            TotalHits = Math.Min(outcome.CandidateCount, Settings.MaxTotalHits),
            Offset = offset,
            Limit = limit,
            Candidates = candidates,
            MatchingWords = executor is null ? MatchingWords.None : MatchingWords.From(executor.Terms),
            Formatter = new HitFormatterContext(Settings, context.Tokenizer),
            FacetJson = RenderFacets(request, candidates),
            SemanticHitCount = outcome.SemanticHitCount,
            QueryVector = request.RetrieveVectors ? outcome.QueryVector : null,
            VectorsJson = RenderHitVectors(request, hits),
            ProcessingTimeMs = (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private ReadOnlyMemory<byte>? RenderFacets(SearchRequest request, DocSet candidates)
    {
        return request.Facets is { } facets ? FacetJson(facets, candidates) : null;
    }

    /// <summary>Renders <c>_vectors</c> of the page's hits while the lock is held (hits are written later).</summary>
    private Dictionary<int, byte[]>? RenderHitVectors(SearchRequest request, IReadOnlyList<SearchHit> hits)
    {
        if (!request.RetrieveVectors)
        {
            return null;
        }
        var rendered = new Dictionary<int, byte[]>(hits.Count);
        foreach (var hit in hits)
        {
            using var doc = JsonDocument.Parse(hit.Json);
            JsonElement? stored = doc.RootElement.TryGetProperty("_vectors", out var field) ? field : null;
            rendered[hit.DocId] = _vectors.RenderVectors(hit.DocId, stored);
        }
        return rendered;
    }
}
