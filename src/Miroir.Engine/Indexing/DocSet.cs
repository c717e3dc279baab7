using System.Numerics;
using System.Runtime.CompilerServices;

namespace Miroir.Engine.Indexing;

/// <summary>
/// A set of internal document ids as a dense bitmap. Internal ids are small and dense
/// (assigned sequentially per index), so 64k documents cost 8 KB per set and the set
/// algebra is a tight loop the JIT vectorises.
/// </summary>
public sealed class DocSet
{
    private ulong[] _words;

    public DocSet(int capacity = 0) => _words = new ulong[(capacity + 63) >> 6];

    private DocSet(ulong[] words) => _words = words;

    /// <summary>Number of ids the set can hold without growing.</summary>
    public int Capacity => _words.Length << 6;

    public bool Contains(int id)
    {
        var word = id >> 6;
        return (uint)word < (uint)_words.Length && (_words[word] & (1UL << id)) != 0;
    }

    public void Add(int id)
    {
        var word = id >> 6;
        if (word >= _words.Length)
        {
            Grow(word + 1);
        }
        _words[word] |= 1UL << id;
    }

    public void Remove(int id)
    {
        var word = id >> 6;
        if ((uint)word < (uint)_words.Length)
        {
            _words[word] &= ~(1UL << id);
        }
    }

    public void Clear() => Array.Clear(_words);

    public int Count()
    {
        var count = 0;
        foreach (var w in _words)
        {
            count += BitOperations.PopCount(w);
        }
        return count;
    }

    public bool IsEmpty()
    {
        foreach (var w in _words)
        {
            if (w != 0)
            {
                return false;
            }
        }
        return true;
    }

    public DocSet Clone() => new((ulong[])_words.Clone());

    /// <summary>Number of ids in both sets, without materialising the intersection (facet counts).</summary>
    public int CountIntersection(DocSet other)
    {
        var a = _words;
        var b = other._words;
        var n = Math.Min(a.Length, b.Length);
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            count += BitOperations.PopCount(a[i] & b[i]);
        }
        return count;
    }

    /// <summary>Keeps only the ids also in <paramref name="other"/>.</summary>
    public void IntersectWith(DocSet other)
    {
        var a = _words;
        var b = other._words;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            a[i] &= b[i];
        }
        Array.Clear(a, n, a.Length - n);
    }

    public void UnionWith(DocSet other)
    {
        if (other._words.Length > _words.Length)
        {
            Grow(other._words.Length);
        }
        var a = _words;
        var b = other._words;
        for (var i = 0; i < b.Length; i++)
        {
            a[i] |= b[i];
        }
    }

    /// <summary>Removes the ids that are in <paramref name="other"/>.</summary>
    public void ExceptWith(DocSet other)
    {
        var a = _words;
        var b = other._words;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            a[i] &= ~b[i];
        }
    }

    /// <summary>Enumerates the ids in ascending order.</summary>
    public Enumerator GetEnumerator() => new(_words);

    /// <summary>The bitmap for a snapshot (<see cref="SnapshotArrays"/> layout).</summary>
    internal void WriteTo(BinaryWriter w) => SnapshotArrays.Write<ulong>(w, _words);

    /// <summary>Replaces the contents with what <see cref="WriteTo"/> wrote.</summary>
    internal void ReadFrom(BinaryReader r) => _words = SnapshotArrays.Read<ulong>(r);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int words)
    {
        var size = Math.Max(words, _words.Length * 2);
        Array.Resize(ref _words, size);
    }

    /// <summary>Allocation-free ascending enumeration of the set bits.</summary>
    public struct Enumerator(ulong[] words)
    {
        private int _word = -1;
        private ulong _bits;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_bits == 0)
            {
                if (++_word >= words.Length)
                {
                    return false;
                }
                _bits = words[_word];
            }
            var bit = BitOperations.TrailingZeroCount(_bits);
            _bits &= _bits - 1;
            Current = (_word << 6) + bit;
            return true;
        }
    }
}
