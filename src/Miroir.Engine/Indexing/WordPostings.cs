using System.Runtime.InteropServices;

namespace Miroir.Engine.Indexing;

/// <summary>
/// The occurrences of one word: ascending internal doc ids, and per doc a contiguous run of
/// occurrences packed as <c>fieldId &lt;&lt; 16 | position</c>. Documents are indexed one after
/// the other with increasing ids, so appending keeps the lists sorted.
/// </summary>
internal sealed class WordPostings
{
    private int[] _docs = new int[2];
    private int[] _starts = new int[3];
    private uint[] _occurrences = new uint[2];

    public WordPostings()
    {
    }

    private WordPostings(int[] docs, int[] starts, uint[] occurrences, int docCount, int occurrenceCount)
    {
        _docs = docs;
        _starts = starts;
        _occurrences = occurrences;
        DocCount = docCount;
        OccurrenceCount = occurrenceCount;
    }

    public int DocCount { get; private set; }

    public int OccurrenceCount { get; private set; }

    public ReadOnlySpan<int> Docs => _docs.AsSpan(0, DocCount);

    public int DocAt(int index) => _docs[index];

    /// <summary>The occurrences of the document at <paramref name="index"/> in <see cref="Docs"/>.</summary>
    public ReadOnlySpan<uint> OccurrencesAt(int index) => _occurrences.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    public void Add(int doc, uint occurrence)
    {
        if (DocCount == 0 || _docs[DocCount - 1] != doc)
        {
            if (DocCount == _docs.Length)
            {
                Array.Resize(ref _docs, _docs.Length * 2);
                Array.Resize(ref _starts, _docs.Length + 1);
            }
            _docs[DocCount] = doc;
            _starts[DocCount] = OccurrenceCount;
            DocCount++;
        }
        if (OccurrenceCount == _occurrences.Length)
        {
            Array.Resize(ref _occurrences, _occurrences.Length * 2);
        }
        _occurrences[OccurrenceCount++] = occurrence;
        _starts[DocCount] = OccurrenceCount;
    }

    /// <summary>Drops the documents that are no longer alive; returns false when nothing is left.</summary>
    public bool Compact(DocSet alive)
    {
        var d = 0;
        var o = 0;
        for (var i = 0; i < DocCount; i++)
        {
            if (!alive.Contains(_docs[i]))
            {
                continue;
            }
            var from = _starts[i];
            var len = _starts[i + 1] - from;
            Array.Copy(_occurrences, from, _occurrences, o, len);
            _docs[d] = _docs[i];
            _starts[d] = o;
            o += len;
            d++;
        }
        DocCount = d;
        OccurrenceCount = o;
        _starts[d] = o;
        return d > 0;
    }

    public static uint Pack(int fieldId, int position) => ((uint)fieldId << 16) | (uint)position;

    public static int FieldOf(uint occurrence) => (int)(occurrence >> 16);

    public static int PositionOf(uint occurrence) => (int)(occurrence & 0xFFFF);

    /// <summary>
    /// Writes the live documents' postings for a snapshot: int32 docCount, int32 occurrenceCount,
    /// int32 docs[docCount], int32 starts[docCount + 1], uint32 occurrences[occurrenceCount].
    /// </summary>
    public void WriteTo(BinaryWriter w, DocSet alive)
    {
        var docs = 0;
        var occurrences = 0;
        for (var i = 0; i < DocCount; i++)
        {
            if (alive.Contains(_docs[i]))
            {
                docs++;
                occurrences += _starts[i + 1] - _starts[i];
            }
        }
        w.Write(docs);
        w.Write(occurrences);
        if (docs == DocCount)
        {
            // The common case (no dead document since the last compaction): the arrays as they are.
            w.Write(MemoryMarshal.AsBytes(Docs));
            w.Write(MemoryMarshal.AsBytes(_starts.AsSpan(0, DocCount + 1)));
            w.Write(MemoryMarshal.AsBytes(_occurrences.AsSpan(0, OccurrenceCount)));
            return;
        }
        for (var i = 0; i < DocCount; i++)
        {
            if (alive.Contains(_docs[i]))
            {
                w.Write(_docs[i]);
            }
        }
        var start = 0;
        for (var i = 0; i < DocCount; i++)
        {
            if (alive.Contains(_docs[i]))
            {
                w.Write(start);
                start += _starts[i + 1] - _starts[i];
            }
        }
        w.Write(start);
        for (var i = 0; i < DocCount; i++)
        {
            if (alive.Contains(_docs[i]))
            {
                w.Write(MemoryMarshal.AsBytes(OccurrencesAt(i)));
            }
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    public static WordPostings ReadFrom(BinaryReader r)
    {
        var docCount = r.ReadInt32();
        var occurrenceCount = r.ReadInt32();
        // At least two slots: Add grows by doubling.
        var docs = new int[Math.Max(docCount, 2)];
        var starts = new int[docs.Length + 1];
        var occurrences = new uint[Math.Max(occurrenceCount, 2)];
        // BinaryReader reads no further ahead than asked, so its stream can be read directly.
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(docs.AsSpan(0, docCount)));
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(starts.AsSpan(0, docCount + 1)));
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(occurrences.AsSpan(0, occurrenceCount)));
        return new WordPostings(docs, starts, occurrences, docCount, occurrenceCount);
    }
}
