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

    /// <summary>
    /// One byte says how the index follows: <see cref="SnapshotForm.State"/> (the built index,
    /// loaded without tokenizing) or <see cref="SnapshotForm.Documents"/> (int32 count, then each
    /// document as int32 length + JSON, re-added on load), which indexes with embedders use: their
    /// documents carry the effective <c>_vectors</c>, so re-adding them restores the vectors (and passes
    /// the "no vectors provided" check of userProvided embedders). Version 1 snapshots hold documents only.
    /// </summary>
    public void WriteSnapshot(BinaryWriter writer)
    {
        if (_index.Settings.Embedders.Count == 0)
        {
            writer.Write((byte)SnapshotForm.State);
            _index.WriteSnapshot(writer);
            return;
        }
        writer.Write((byte)SnapshotForm.Documents);
        var docs = _index.ExportDocuments();
        writer.Write(docs.Count);
        foreach (var doc in docs)
        {
            NodeRecords.WriteBytes(writer, doc.Span);
        }
    }

    public void ReadSnapshot(BinaryReader reader, int version, string? primaryKey)
    {
        var form = version == 1 ? SnapshotForm.Documents : (SnapshotForm)reader.ReadByte();
        if (form == SnapshotForm.State)
        {
            _index.ReadSnapshot(reader);
            return;
        }
        if (form != SnapshotForm.Documents)
        {
            throw new InvalidDataException($"Unknown index snapshot form {(byte)form}.");
        }
        var count = reader.ReadInt32();
        var docs = new List<ReadOnlyMemory<byte>>(count);
        for (var i = 0; i < count; i++)
        {
            docs.Add(NodeRecords.ReadBytes(reader));
        }
        _index.PrimaryKey ??= primaryKey;
        if (docs.Count > 0)
        {
            _index.AddDocuments(docs, updateExisting: false);
        }
    }
}
