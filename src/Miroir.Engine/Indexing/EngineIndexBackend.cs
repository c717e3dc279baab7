using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Node;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Indexing;

/// <summary>Serves the node's <see cref="IIndexBackend"/> seam with a real <see cref="EngineIndex"/>.</summary>
internal sealed class EngineIndexBackend : IIndexBackend, IDisposable
{
    private readonly EngineIndex _index = new(string.Empty, null, IndexSettings.Default);

    public EngineIndex Index => _index;

    public IndexSettings Settings => _index.Settings;

    public int DocumentCount => _index.DocumentCount;

    public int AddDocuments(IReadOnlyList<ReadOnlyMemory<byte>> docs, string primaryKey, bool updateExisting)
    {
        _index.PrimaryKey = primaryKey;
        return _index.AddDocuments(docs, updateExisting).IndexedDocuments;
    }

    public int DeleteDocuments(IReadOnlyList<string> ids) => _index.DeleteDocuments(ids);

    public int DeleteByFilter(JsonElement filter) => _index.DeleteByFilter(filter);

    public int Clear() => _index.Clear();

    public void UpdateSettings(IndexSettings settings) => _index.UpdateSettings(settings);

    public bool TryGetDocument(string id, out ReadOnlyMemory<byte> document) => _index.TryGetDocument(id, out document);

    public (IReadOnlyList<ReadOnlyMemory<byte>> Documents, int Total) GetDocuments(int offset, int limit, JsonElement? filter, IReadOnlyList<string>? ids)
    {
        var page = _index.GetDocuments(offset, limit, filter, ids);
        return (page.Results, page.Total);
    }

    public void ValidateFilter(JsonElement filter, bool forDocuments) =>
        _index.ValidateFilter(filter, forDocuments ? ErrorCode.InvalidDocumentFilter : ErrorCode.InvalidSearchFilter);

    public void Search(SearchRequest request, Utf8JsonWriter writer) => SearchResponseWriter.Write(writer, _index.Search(request));

    public void FacetSearch(FacetSearchRequest request, Utf8JsonWriter writer)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = _index.FacetSearch(request);
        writer.WriteStartObject();
        FacetWriter.WriteFacetHits(writer, result);
        writer.WriteNumber("processingTimeMs", (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        writer.WriteEndObject();
    }

    public IReadOnlyDictionary<string, int> FieldDistribution() => _index.GetStats().FieldDistribution;

    public IEnumerable<ReadOnlyMemory<byte>> EnumerateDocuments() => _index.EnumerateDocuments();

    public void Dispose() => _index.Dispose();
}
