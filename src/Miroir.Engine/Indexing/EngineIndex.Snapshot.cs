namespace Miroir.Engine.Indexing;

/// <summary>
/// The built state of an index for node snapshots, so a restart loads it instead of
/// re-tokenizing every document (tokenizing was 2/3 of the 5.5 s a restart of the debian
/// corpus took; docs/benchmarks.md, "engine node restart"). Layout, all little-endian:
/// <code>
/// primary key      bool + string
/// fields           int32 count, then each field path (string) in id order
/// documents        int32 idLimit, int32 count, then per live document in id order:
///                  int32 id, string externalId, int32 n + n bytes of JSON, uint32[] field word counts
/// words            int32 count, then per word in ordinal order: string word, then <see cref="WordPostings"/>' layout
/// values           the filter/sort/facet value index (<see cref="Filtering.FieldValueIndex"/>.WriteTo)
/// distribution     int32 count, then per field: string field, int32 documents
/// </code>
/// Strings are BinaryWriter's (7-bit length, UTF-8), arrays <see cref="SnapshotArrays"/>'. Indexes
/// with embedders are not written this way: their vectors live outside the JSON (the node re-adds
/// their exported documents).
/// </summary>
public sealed partial class EngineIndex
{
    /// <summary>Writes the state; the caller (the task executor) guarantees no write runs meanwhile.</summary>
    public void WriteSnapshot(BinaryWriter w)
    {
        _lock.EnterReadLock();
        try
        {
            w.Write(PrimaryKey is not null);
            if (PrimaryKey is not null)
            {
                w.Write(PrimaryKey);
            }
            w.Write(_fields.Count);
            foreach (var name in _fields.Names)
            {
                w.Write(name);
            }
            w.Write(_docs.IdLimit);
            w.Write(_docs.Count);
            foreach (var id in _docs.Alive)
            {
                w.Write(id);
                w.Write(_docs.ExternalId(id));
                var json = _docs.Json(id);
                w.Write(json.Length);
                w.Write(json);
                SnapshotArrays.Write(w, _docs.FieldWordCounts(id));
            }
            var words = _index.Dictionary;
            w.Write(words.Count);
            for (var i = 0; i < words.Count; i++)
            {
                w.Write(words.TermAt(i));
                words.PostingsAt(i).WriteTo(w, _docs.Alive);
            }
            _values.WriteTo(w);
            w.Write(_fieldDistribution.Count);
            foreach (var (field, count) in _fieldDistribution)
            {
                w.Write(field);
                w.Write(count);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Loads what <see cref="WriteSnapshot"/> wrote into this new, empty index (settings already applied).</summary>
    public void ReadSnapshot(BinaryReader r)
    {
        PrimaryKey = r.ReadBoolean() ? r.ReadString() : null;
        var fieldCount = r.ReadInt32();
        for (var i = 0; i < fieldCount; i++)
        {
            var name = r.ReadString();
            // Searches only read the weights indexing cached (SearchableFields.WeightOf): cache them here.
            _searchable.Weight(_fields.GetOrAdd(name), name);
        }
        _docs.Reset(r.ReadInt32());
        var docCount = r.ReadInt32();
        for (var i = 0; i < docCount; i++)
        {
            var id = r.ReadInt32();
            var externalId = r.ReadString();
            var json = r.ReadBytes(r.ReadInt32());
            _docs.Put(id, externalId, json, SnapshotArrays.Read<uint>(r));
        }
        var wordCount = r.ReadInt32();
        var terms = new string[wordCount];
        var postings = new WordPostings[wordCount];
        for (var i = 0; i < wordCount; i++)
        {
            terms[i] = r.ReadString();
            postings[i] = WordPostings.ReadFrom(r);
        }
        _index.Restore(terms, postings);
        _values.ReadFrom(r);
        var fields = r.ReadInt32();
        for (var i = 0; i < fields; i++)
        {
            _fieldDistribution.Add(r.ReadString(), r.ReadInt32());
        }
    }
}
