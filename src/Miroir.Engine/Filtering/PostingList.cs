using System.Numerics;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Filtering;

/// <summary>
/// The documents holding one value: a sorted id array while the value is rare, promoted to a
/// <see cref="DocSet"/> bitmap once the array would cost more than the bitmap's scan. Most
/// values of high-cardinality fields (sizes, versions, names) hold a handful of documents, and
/// a bitmap each (8 KB per 64k documents) would cost tens of megabytes per field.
/// </summary>
public sealed class PostingList
{
    private int[] _ids = [];
    private DocSet? _bits;

    public int Count { get; private set; }

    public bool Contains(int id) =>
        _bits?.Contains(id) ?? Array.BinarySearch(_ids, 0, Count, id) >= 0;

    /// <summary>Adds the ids to <paramref name="target"/>.</summary>
    public void UnionInto(DocSet target)
    {
        if (_bits is not null)
        {
            target.UnionWith(_bits);
            return;
        }
        for (var i = 0; i < Count; i++)
        {
            target.Add(_ids[i]);
        }
    }

    /// <summary>Number of ids also in <paramref name="candidates"/>.</summary>
    public int CountIn(DocSet candidates)
    {
        if (_bits is not null)
        {
            return _bits.CountIntersection(candidates);
        }
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (candidates.Contains(_ids[i]))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>A new set with the ids that are also in <paramref name="universe"/>.</summary>
    public DocSet Intersect(DocSet universe)
    {
        if (_bits is not null)
        {
            var copy = universe.Clone();
            copy.IntersectWith(_bits);
            return copy;
        }
        var result = new DocSet(universe.Capacity);
        for (var i = 0; i < Count; i++)
        {
            if (universe.Contains(_ids[i]))
            {
                result.Add(_ids[i]);
            }
        }
        return result;
    }

    internal void Add(int id)
    {
        if (_bits is not null)
        {
            if (!_bits.Contains(id))
            {
                _bits.Add(id);
                Count++;
            }
            return;
        }
        // Ids usually arrive in increasing order, so this is an append.
        var at = Count > 0 && _ids[Count - 1] < id ? ~Count : Array.BinarySearch(_ids, 0, Count, id);
        if (at >= 0)
        {
            return;
        }
        at = ~at;
        if (Count > Math.Max(16, id >> 6))
        {
            Promote();
            _bits!.Add(id);
            Count++;
            return;
        }
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)Count + 1)));
        }
        Array.Copy(_ids, at, _ids, at + 1, Count - at);
        _ids[at] = id;
        Count++;
    }

    internal void Remove(int id)
    {
        if (_bits is not null)
        {
            if (_bits.Contains(id))
            {
                _bits.Remove(id);
                Count--;
            }
            return;
        }
        var at = Array.BinarySearch(_ids, 0, Count, id);
        if (at >= 0)
        {
            Array.Copy(_ids, at + 1, _ids, at, Count - at - 1);
            Count--;
        }
    }

    /// <summary>Snapshot layout: int32 count, bool bitmap, then the <see cref="DocSet"/> or the sorted ids.</summary>
    internal void WriteTo(BinaryWriter w)
    {
        w.Write(Count);
        w.Write(_bits is not null);
        if (_bits is not null)
        {
            _bits.WriteTo(w);
        }
        else
        {
            SnapshotArrays.Write<int>(w, _ids.AsSpan(0, Count));
        }
    }

    /// <summary>Replaces the contents with what <see cref="WriteTo"/> wrote.</summary>
    internal void ReadFrom(BinaryReader r)
    {
        Count = r.ReadInt32();
        if (r.ReadBoolean())
        {
            _bits = new DocSet();
            _bits.ReadFrom(r);
            _ids = [];
        }
        else
        {
            _bits = null;
            _ids = SnapshotArrays.Read<int>(r);
        }
    }

    private void Promote()
    {
        var bits = new DocSet(_ids[Count - 1] + 1);
        for (var i = 0; i < Count; i++)
        {
            bits.Add(_ids[i]);
        }
        _bits = bits;
        _ids = [];
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Ascending enumeration over either representation, without allocating.</summary>
    public struct Enumerator
    {
        private readonly PostingList _list;
        private DocSet.Enumerator _bits;
        private int _index;

        internal Enumerator(PostingList list)
        {
            _list = list;
            _bits = list._bits?.GetEnumerator() ?? default;
            _index = -1;
        }

        public readonly int Current => _list._bits is not null ? _bits.Current : _list._ids[_index];

        public bool MoveNext() => _list._bits is not null ? _bits.MoveNext() : ++_index < _list.Count;
    }
}
