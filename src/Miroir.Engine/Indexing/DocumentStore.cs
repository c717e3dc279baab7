namespace Miroir.Engine.Indexing;

/// <summary>
/// The documents as their raw UTF-8 JSON, by internal id, with the external id mapping.
/// Internal ids are never reused (until <see cref="Clear"/>): a replaced document gets a new
/// id so that posting lists stay append-only; dead ids are filtered by <see cref="Alive"/>.
/// </summary>
internal sealed class DocumentStore
{
    private byte[]?[] _json = new byte[]?[64];
    private string?[] _externalIds = new string?[64];
    private uint[]?[] _fieldWordCounts = new uint[]?[64];
    private readonly Dictionary<string, int> _byExternalId = new(StringComparer.Ordinal);

    public DocSet Alive { get; private set; } = new();

    /// <summary>One past the highest internal id ever assigned.</summary>
    public int IdLimit { get; private set; }

    public int Count => _byExternalId.Count;

    /// <summary>Ids deleted since the last compaction of the posting lists.</summary>
    public int DeadSinceCompaction { get; set; }

    public bool TryGetInternalId(string externalId, out int id) => _byExternalId.TryGetValue(externalId, out id);

    public byte[] Json(int id) => _json[id]!;

    public string ExternalId(int id) => _externalIds[id]!;

    /// <summary>Per searchable field of the document: <c>fieldId &lt;&lt; 16 | wordCount</c>.</summary>
    public ReadOnlySpan<uint> FieldWordCounts(int id) => _fieldWordCounts[id];

    public int Add(string externalId, byte[] json, uint[] fieldWordCounts)
    {
        var id = IdLimit++;
        if (id == _json.Length)
        {
            var size = _json.Length * 2;
            Array.Resize(ref _json, size);
            Array.Resize(ref _externalIds, size);
            Array.Resize(ref _fieldWordCounts, size);
        }
        _json[id] = json;
        _externalIds[id] = externalId;
        _fieldWordCounts[id] = fieldWordCounts;
        _byExternalId[externalId] = id;
        Alive.Add(id);
        return id;
    }

    /// <summary>Empties the store and sizes it for ids below <paramref name="idLimit"/> (a snapshot being loaded).</summary>
    public void Reset(int idLimit)
    {
        Clear();
        var size = Math.Max(64, idLimit);
        _json = new byte[]?[size];
        _externalIds = new string?[size];
        _fieldWordCounts = new uint[]?[size];
        IdLimit = idLimit;
        Alive = new DocSet(idLimit);
    }

    /// <summary>Places a document under its snapshot id (below the <see cref="Reset"/> limit).</summary>
    public void Put(int id, string externalId, byte[] json, uint[] fieldWordCounts)
    {
        _json[id] = json;
        _externalIds[id] = externalId;
        _fieldWordCounts[id] = fieldWordCounts;
        _byExternalId[externalId] = id;
        Alive.Add(id);
    }

    public void Remove(int id)
    {
        _byExternalId.Remove(_externalIds[id]!);
        _json[id] = null;
        _externalIds[id] = null;
        _fieldWordCounts[id] = null;
        Alive.Remove(id);
        DeadSinceCompaction++;
    }

    public void SetFieldWordCounts(int id, uint[] counts) => _fieldWordCounts[id] = counts;

    public void Clear()
    {
        _json = new byte[]?[64];
        _externalIds = new string?[64];
        _fieldWordCounts = new uint[]?[64];
        _byExternalId.Clear();
        Alive = new DocSet();
        IdLimit = 0;
        DeadSinceCompaction = 0;
    }
}
