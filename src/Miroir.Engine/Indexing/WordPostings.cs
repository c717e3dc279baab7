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
}
