using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>
/// A linear-scan stand-in for the real engine index: documents in insertion order, search by
/// case-insensitive substring over the raw JSON, no filters. Used until EngineIndex is wired.
/// </summary>
internal sealed class ScanIndex : IIndexBackend
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _slots = [];
    private readonly List<(string Id, byte[] Doc)?> _docs = [];

    public IndexSettings Settings { get; private set; } = IndexSettings.Default;

    public int DocumentCount
    {
        get { lock (_lock) { return _slots.Count; } }
    }

    public int AddDocuments(IReadOnlyList<ReadOnlyMemory<byte>> docs, string primaryKey, bool updateExisting)
    {
        lock (_lock)
        {
            foreach (var doc in docs)
            {
                var id = DocumentIds.Get(doc.Span, primaryKey);
                if (_slots.TryGetValue(id, out var slot))
                {
                    var bytes = updateExisting ? Merge(_docs[slot]!.Value.Doc, doc.Span) : doc.ToArray();
                    _docs[slot] = (id, bytes);
                }
                else
                {
                    _slots[id] = _docs.Count;
                    _docs.Add((id, doc.ToArray()));
                }
            }
            return docs.Count;
        }
    }

    private static byte[] Merge(byte[] old, ReadOnlySpan<byte> patch)
    {
        using var a = JsonDocument.Parse(old);
        var reader = new Utf8JsonReader(patch);
        using var b = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(old.Length + patch.Length);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in a.RootElement.EnumerateObject())
            {
                if (!b.RootElement.TryGetProperty(p.Name, out _))
                {
                    p.WriteTo(w);
                }
            }
            foreach (var p in b.RootElement.EnumerateObject())
            {
                p.WriteTo(w);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public int DeleteDocuments(IReadOnlyList<string> ids)
    {
        lock (_lock)
        {
            var deleted = 0;
            foreach (var id in ids)
            {
                if (_slots.Remove(id, out var slot))
                {
                    _docs[slot] = null;
                    deleted++;
                }
            }
            return deleted;
        }
    }

    public int DeleteByFilter(JsonElement filter) => 0;

    public int Clear()
    {
        lock (_lock)
        {
            var count = _slots.Count;
            _slots.Clear();
            _docs.Clear();
            return count;
        }
    }

    public void UpdateSettings(IndexSettings settings) => Settings = settings;

    public bool TryGetDocument(string id, out ReadOnlyMemory<byte> document)
    {
        lock (_lock)
        {
            if (_slots.TryGetValue(id, out var slot))
            {
                document = _docs[slot]!.Value.Doc;
                return true;
            }
            document = default;
            return false;
        }
    }

    public (IReadOnlyList<ReadOnlyMemory<byte>> Documents, int Total) GetDocuments(int offset, int limit, JsonElement? filter, IReadOnlyList<string>? ids)
    {
        lock (_lock)
        {
            var all = ids is null
                ? [.. _docs.Where(d => d is not null).Select(d => (ReadOnlyMemory<byte>)d!.Value.Doc)]
                : ids.Where(_slots.ContainsKey).Select(id => (ReadOnlyMemory<byte>)_docs[_slots[id]]!.Value.Doc).ToList();
            return (all.Skip(offset).Take(limit).ToList(), all.Count);
        }
    }

    public void ValidateFilter(JsonElement filter, bool forDocuments)
    {
        var code = forDocuments ? Errors.ErrorCode.InvalidDocumentFilter : Errors.ErrorCode.InvalidSearchFilter;
        if (Filtering.FilterParser.Parse(filter, code) is { } node)
        {
            Filtering.FilterValidator.Validate(node, Settings.FilterableAttributes, code);
        }
    }

    public void FacetSearch(FacetSearchRequest request, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("facetHits");
        writer.WriteEndArray();
        writer.WriteString("facetQuery", request.FacetQuery);
        writer.WriteNumber("processingTimeMs", 0);
        writer.WriteEndObject();
    }

    public void Search(SearchRequest request, Utf8JsonWriter writer)
    {
        var started = Stopwatch.GetTimestamp();
        if (request.Filter is { } filter)
        {
            ValidateFilter(filter, forDocuments: false);
        }
        var words = (request.Q ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        List<byte[]> hits;
        lock (_lock)
        {
            hits = [.. _docs.Where(d => d is not null).Select(d => d!.Value.Doc)
                .Where(d => words.All(Encoding.UTF8.GetString(d).ToLowerInvariant().Contains))];
        }
        var total = Math.Min(hits.Count, Settings.MaxTotalHits);
        var offset = request.IsPaged ? ((request.Page ?? 1) - 1) * (request.HitsPerPage ?? 20) : request.Offset;
        var limit = request.IsPaged ? request.HitsPerPage ?? 20 : request.Limit;
        writer.WriteStartObject();
        writer.WriteStartArray("hits");
        foreach (var hit in hits.Take(total).Skip(offset).Take(limit))
        {
            writer.WriteRawValue(hit, skipInputValidation: true);
        }
        writer.WriteEndArray();
        writer.WriteString("query", request.Q ?? "");
        writer.WriteNumber("processingTimeMs", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (request.IsPaged)
        {
            writer.WriteNumber("hitsPerPage", limit);
            writer.WriteNumber("page", request.Page ?? 1);
            writer.WriteNumber("totalPages", limit == 0 ? 0 : (total + limit - 1) / limit);
            writer.WriteNumber("totalHits", total);
        }
        else
        {
            writer.WriteNumber("limit", limit);
            writer.WriteNumber("offset", offset);
            writer.WriteNumber("estimatedTotalHits", total);
        }
        writer.WriteEndObject();
    }

    public IReadOnlyDictionary<string, int> FieldDistribution()
    {
        var counts = new Dictionary<string, int>();
        foreach (var doc in EnumerateDocuments())
        {
            using var d = JsonDocument.Parse(doc);
            foreach (var p in d.RootElement.EnumerateObject())
            {
                counts[p.Name] = counts.GetValueOrDefault(p.Name) + 1;
            }
        }
        return counts;
    }

    public IEnumerable<ReadOnlyMemory<byte>> EnumerateDocuments()
    {
        lock (_lock)
        {
            return [.. _docs.Where(d => d is not null).Select(d => (ReadOnlyMemory<byte>)d!.Value.Doc)];
        }
    }
}
