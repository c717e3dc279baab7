using System.Buffers;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Filtering;

namespace Miroir.Engine.Indexing;

/// <summary>Document writes: validation of the whole batch first, then an atomic apply.</summary>
public sealed partial class EngineIndex
{
    /// <summary>Below this many dead ids the posting lists are not worth compacting.</summary>
    private const int MinDeadForCompaction = 1024;

    public DocumentWriteResult AddDocuments(IReadOnlyList<ReadOnlyMemory<byte>> documents, bool updateExisting)
    {
        _lock.EnterWriteLock();
        try
        {
            var primaryKey = PrimaryKey ?? InferPrimaryKey(documents);
            // Validate everything before touching the index: a bad document fails the batch.
            var final = new Dictionary<string, byte[]>(documents.Count, StringComparer.Ordinal);
            var order = new List<string>(documents.Count);
            foreach (var memory in documents)
            {
                using var doc = JsonDocument.Parse(memory);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new MeiliException(ErrorCode.MalformedPayload, "The document must be a JSON object.");
                }
                if (!JsonPath.TryGet(root, primaryKey, out var idValue))
                {
                    throw new MeiliException(ErrorCode.MissingDocumentId,
                        $"Document doesn't have a `{primaryKey}` attribute: `{Compact(root)}`.");
                }
                var id = DocumentId.Canonical(idValue);
                byte[] bytes;
                if (updateExisting && (final.TryGetValue(id, out var previous) || TryGetStored(id, out previous)))
                {
                    bytes = JsonMerge.Shallow(previous, memory.Span);
                }
                else
                {
                    bytes = memory.ToArray();
                }
                if (final.TryAdd(id, bytes))
                {
                    order.Add(id);
                }
                else
                {
                    // The last occurrence wins but keeps its first slot, like Meilisearch's batch dedup.
                    final[id] = bytes;
                }
            }
            var vectors = ValidateVectors(order, final);
            PrimaryKey = primaryKey;
            foreach (var id in order)
            {
                int? previous = null;
                if (_docs.TryGetInternalId(id, out var existing))
                {
                    previous = existing;
                    RemoveDocument(existing, keepVectors: true);
                }
                var internalId = AddDocument(id, final[id]);
                ApplyVectors(id, previous, internalId, vectors);
            }
            FinishWrite();
            return new DocumentWriteResult(documents.Count);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int DeleteDocuments(IReadOnlyList<string> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            var deleted = 0;
            foreach (var id in ids)
            {
                if (_docs.TryGetInternalId(id, out var internalId))
                {
                    RemoveDocument(internalId);
                    deleted++;
                }
            }
            FinishWrite();
            return deleted;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int DeleteByFilter(JsonElement filter)
    {
        _lock.EnterWriteLock();
        try
        {
            var matched = FilterUniverse(filter, _docs.Alive.Clone(), ErrorCode.InvalidDocumentFilter);
            var deleted = 0;
            foreach (var id in matched)
            {
                RemoveDocument(id);
                deleted++;
            }
            FinishWrite();
            return deleted;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            var count = _docs.Count;
            _docs.Clear();
            _index.Clear();
            _values = NewValueIndex(Settings);
            _fieldDistribution.Clear();
            _vectors.Clear();
            return count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A document as the documents routes show it (see <see cref="Display"/>).</summary>
    public bool TryGetDocument(string id, bool retrieveVectors, out ReadOnlyMemory<byte> json)
    {
        _lock.EnterReadLock();
        try
        {
            if (_docs.TryGetInternalId(id, out var internalId))
            {
                json = Display(internalId, retrieveVectors);
                return true;
            }
            json = default;
            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>A page of documents as the documents routes show them (see <see cref="Display"/>).</summary>
    public DocumentsPage GetDocuments(int offset, int limit, JsonElement? filter, IReadOnlyList<string>? ids, bool retrieveVectors)
    {
        _lock.EnterReadLock();
        try
        {
            DocSet universe;
            if (ids is not null)
            {
                universe = new DocSet(_docs.IdLimit);
                foreach (var id in ids)
                {
                    if (_docs.TryGetInternalId(id, out var internalId))
                    {
                        universe.Add(internalId);
                    }
                }
            }
            else
            {
                universe = _docs.Alive.Clone();
            }
            if (filter is { } f)
            {
                universe = FilterUniverse(f, universe, ErrorCode.InvalidDocumentFilter);
            }
            var results = new List<ReadOnlyMemory<byte>>(Math.Min(limit, 1024));
            var index = 0;
            foreach (var id in universe)
            {
                if (index >= offset && results.Count < limit)
                {
                    results.Add(Display(id, retrieveVectors));
                }
                index++;
            }
            return new DocumentsPage(results, index);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private bool TryGetStored(string id, out byte[] json)
    {
        if (_docs.TryGetInternalId(id, out var internalId))
        {
            json = _docs.Json(internalId);
            return true;
        }
        json = [];
        return false;
    }

    private DocSet FilterUniverse(JsonElement filter, DocSet universe, ErrorCode? code = null)
    {
        return FilterEvaluator.Apply(filter, _values, universe, code) ?? universe;
    }

    private int AddDocument(string externalId, byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var internalId = _docs.Add(externalId, json, []);
        _docs.SetFieldWordCounts(internalId, _indexer.Index(internalId, root));
        _values.Add(internalId, root);
        foreach (var prop in root.EnumerateObject())
        {
            _fieldDistribution[prop.Name] = _fieldDistribution.GetValueOrDefault(prop.Name) + 1;
        }
        return internalId;
    }

    /// <param name="keepVectors">True when the document is being replaced: its vectors move to the new version.</param>
    private void RemoveDocument(int internalId, bool keepVectors = false)
    {
        if (!keepVectors)
        {
            _vectors.Remove(internalId);
        }
        using (var doc = JsonDocument.Parse(_docs.Json(internalId)))
        {
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                _fieldDistribution[prop.Name] = _fieldDistribution.GetValueOrDefault(prop.Name) - 1;
            }
        }
        _values.Remove(internalId);
        _docs.Remove(internalId);
    }

    /// <summary>Publishes new words to searches and compacts posting lists once enough ids died.</summary>
    private void FinishWrite()
    {
        _index.Publish();
        if (_docs.DeadSinceCompaction >= MinDeadForCompaction && _docs.DeadSinceCompaction * 4 >= _docs.Count)
        {
            _index.Compact(_docs.Alive);
            _docs.DeadSinceCompaction = 0;
        }
    }

    private static string Compact(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
