using System.Globalization;
using System.Runtime.InteropServices;
using Miroir.Engine.Indexing;
using Miroir.Meili.Text;

namespace Miroir.Engine.Filtering;

/// <summary>
/// Everything the index knows about one flattened field (<c>a.b</c>): its distinct values with a
/// <see cref="DocSet"/> each (equality, facet counts), per-document value ids in a columnar array
/// (sorting, facet counting over small candidate sets), and the EXISTS / IS NULL / IS EMPTY sets.
/// Writes must be serialised by the caller; reads may run concurrently between writes.
/// </summary>
public sealed partial class FieldColumn
{
    // Per document: 0 = no value, v + 1 = the single value id v, -(k + 1) = several, in _multi[k].
    // A list indexed from the slot (not a dictionary) keeps facet walks over many documents cheap.
    private int[] _slots = [];
    private readonly List<int[]> _multi = [];
    private readonly Stack<int> _freeMulti = new();
    private readonly List<FacetValue> _values = [];
    private readonly Dictionary<string, int> _stringIds = new(StringComparer.Ordinal);
    private readonly Dictionary<double, int> _numberIds = [];

    // The document being added, and what it brought so far (values deduplicated at commit).
    private int _pendingDoc = -1;
    private readonly List<int> _pendingValues = [];
    private bool _pendingNull;
    private bool _pendingEmpty;

    internal FieldColumn(string name) => Name = name;

    public string Name { get; }

    /// <summary>Documents where the field is present, whatever its value (<c>EXISTS</c>).</summary>
    public DocSet Exists { get; } = new();

    /// <summary>Documents where the field is <c>null</c> (or an array holding null).</summary>
    public DocSet Null { get; } = new();

    /// <summary>Documents where the field is <c>""</c>, <c>[]</c> or <c>{}</c>.</summary>
    public DocSet Empty { get; } = new();

    /// <summary>All distinct values ever indexed, by id; some may have no live document left.</summary>
    public IReadOnlyList<FacetValue> Values => _values;

    public bool HasNumbers => _numberIds.Count > 0;

    /// <summary>Number of distinct values held by at least one live document.</summary>
    public int LiveValueCount { get; private set; }

    public FacetValue? FindString(string normalizedKey) =>
        _stringIds.TryGetValue(normalizedKey, out var id) ? _values[id] : null;

    public FacetValue? FindNumber(double number) =>
        _numberIds.TryGetValue(number, out var id) ? _values[id] : null;

    /// <summary>The value ids of a document, without allocating (<paramref name="scratch"/> backs single values).</summary>
    public ReadOnlySpan<int> ValuesOf(int docId, ref int scratch)
    {
        var slot = (uint)docId < (uint)_slots.Length ? _slots[docId] : 0;
        if (slot > 0)
        {
            scratch = slot - 1;
            return MemoryMarshal.CreateReadOnlySpan(ref scratch, 1);
        }
        return slot == 0 ? [] : _multi[-slot - 1];
    }

    /// <summary>Starts (or continues) collecting the values of <paramref name="docId"/>; true when it starts.</summary>
    internal bool Touch(int docId)
    {
        if (_pendingDoc == docId)
        {
            return false;
        }
        _pendingDoc = docId;
        _pendingValues.Clear();
        _pendingNull = false;
        _pendingEmpty = false;
        return true;
    }

    internal void AddNull() => _pendingNull = true;

    internal void AddEmpty() => _pendingEmpty = true;

    internal void AddString(string original)
    {
        if (original.Length == 0)
        {
            _pendingEmpty = true;
        }
        var key = Normalize(original);
        if (!_stringIds.TryGetValue(key, out var id))
        {
            id = _values.Count;
            _values.Add(new FacetValue(id, key, original, isNumber: false, 0));
            _stringIds.Add(key, id);
            InvalidateStrings();
        }
        _pendingValues.Add(id);
    }

    internal void AddNumber(double number)
    {
        if (!_numberIds.TryGetValue(number, out var id))
        {
            id = _values.Count;
            var text = number.ToString("R", CultureInfo.InvariantCulture);
            _values.Add(new FacetValue(id, text, text, isNumber: true, number));
            _numberIds.Add(number, id);
            InvalidateNumberIds();
        }
        _pendingValues.Add(id);
    }

    /// <summary>Publishes the pending document's values into the sets and the column.</summary>
    internal void Commit()
    {
        var docId = _pendingDoc;
        _pendingDoc = -1;
        Exists.Add(docId);
        if (_pendingNull)
        {
            Null.Add(docId);
        }
        if (_pendingEmpty)
        {
            Empty.Add(docId);
        }
        if (_pendingValues.Count == 0)
        {
            return;
        }
        _pendingValues.Sort();
        var distinct = 0;
        for (var i = 0; i < _pendingValues.Count; i++)
        {
            if (i == 0 || _pendingValues[i] != _pendingValues[i - 1])
            {
                _pendingValues[distinct++] = _pendingValues[i];
            }
        }
        var anyNumber = false;
        for (var i = 0; i < distinct; i++)
        {
            var value = _values[_pendingValues[i]];
            value.Docs.Add(docId);
            if (value.Count++ == 0)
            {
                LiveValueCount++;
            }
            anyNumber |= value.IsNumber;
        }
        if (anyNumber)
        {
            InvalidateNumbers();
        }
        EnsureSlot(docId);
        if (distinct == 1)
        {
            _slots[docId] = _pendingValues[0] + 1;
        }
        else
        {
            var ids = _pendingValues.GetRange(0, distinct).ToArray();
            int k;
            if (_freeMulti.TryPop(out k))
            {
                _multi[k] = ids;
            }
            else
            {
                k = _multi.Count;
                _multi.Add(ids);
            }
            _slots[docId] = -(k + 1);
        }
    }

    internal void Remove(int docId)
    {
        if (!Exists.Contains(docId))
        {
            return;
        }
        Exists.Remove(docId);
        Null.Remove(docId);
        Empty.Remove(docId);
        var scratch = 0;
        var anyNumber = false;
        foreach (var id in ValuesOf(docId, ref scratch))
        {
            var value = _values[id];
            value.Docs.Remove(docId);
            if (--value.Count == 0)
            {
                LiveValueCount--;
            }
            anyNumber |= value.IsNumber;
        }
        if (anyNumber)
        {
            InvalidateNumbers();
        }
        if ((uint)docId < (uint)_slots.Length)
        {
            var slot = _slots[docId];
            if (slot < 0)
            {
                _multi[-slot - 1] = [];
                _freeMulti.Push(-slot - 1);
            }
            _slots[docId] = 0;
        }
    }

    /// <summary>The normalisation shared by indexed values and filter operands.</summary>
    public static string Normalize(string value) => TextNormalizer.Normalize(value.Trim());

    private void EnsureSlot(int docId)
    {
        if (docId >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(docId + 1, Math.Max(64, _slots.Length * 2)));
        }
    }
}
