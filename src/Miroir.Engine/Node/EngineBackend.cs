using System.Diagnostics;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>The node's index backend on the real engine: <see cref="EngineIndex"/> plus the field index.</summary>
internal sealed class EngineBackend : IIndexBackend
{
    private readonly EngineIndex _index;

    public EngineBackend(string uid)
    {
        _index = new EngineIndex(uid, null, IndexSettings.Default);
    }

    /// <summary>The engine itself, for multi-search (federated queries rank through it).</summary>
    public EngineIndex Index => _index;

    public IndexSettings Settings => _index.Settings;

    public int DocumentCount => _index.DocumentCount;

    public int AddDocuments(IReadOnlyList<ReadOnlyMemory<byte>> docs, string primaryKey, bool updateExisting)
    {
        _index.PrimaryKey ??= primaryKey;
        return _index.AddDocuments(docs, updateExisting).IndexedDocuments;
    }

    public int DeleteDocuments(IReadOnlyList<string> ids) => _index.DeleteDocuments(ids);

    public int DeleteByFilter(JsonElement filter) => _index.DeleteByFilter(filter);

    public int Clear() => _index.Clear();

    public void UpdateSettings(IndexSettings settings) => _index.UpdateSettings(settings);

    public bool TryGetDocument(string id, bool retrieveVectors, out ReadOnlyMemory<byte> document) =>
        _index.TryGetDocument(id, retrieveVectors, out document);

    public (IReadOnlyList<ReadOnlyMemory<byte>> Documents, int Total) GetDocuments(int offset, int limit, JsonElement? filter,
        IReadOnlyList<string>? ids, bool retrieveVectors)
    {
        var page = _index.GetDocuments(offset, limit, filter, ids, retrieveVectors);
        return (page.Results, page.Total);
    }

    public void ValidateFilter(JsonElement filter, bool forDocuments) =>
        _index.ValidateFilter(filter, forDocuments ? ErrorCode.InvalidDocumentFilter : ErrorCode.InvalidSearchFilter);

    public void Search(SearchRequest request, Utf8JsonWriter writer) => SearchResponseWriter.Write(writer, _index.Search(request));

    /// <summary>Facet values of the documents the search part matches, by prefix (with typos) on the facet.</summary>
    public void FacetSearch(FacetSearchRequest request, Utf8JsonWriter writer)
    {
        var started = Stopwatch.GetTimestamp();
        var result = _index.FacetSearch(request);
        writer.WriteStartObject();
        FacetWriter.WriteFacetHits(writer, result);
        writer.WriteNumber("processingTimeMs", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        writer.WriteEndObject();
    }

    public IReadOnlyDictionary<string, int> FieldDistribution() => _index.GetStats().FieldDistribution;

    // With their effective `_vectors`, so a snapshot restores vector state (and passes the
    // "no vectors provided" check of userProvided embedders).
    public IEnumerable<ReadOnlyMemory<byte>> EnumerateDocuments() => _index.ExportDocuments();
}
