using System.Buffers;
using System.Runtime.CompilerServices;

namespace Miroir.Engine.Ranking;

/// <summary>
/// A growable buffer rented from the shared array pool: a search collects thousands of
/// candidates, and fresh arrays that size would land on the large-object heap every query.
/// </summary>
internal sealed class PooledList<T> : IDisposable
{
    private T[] _items = ArrayPool<T>.Shared.Rent(256);

    public int Count { get; private set; }

    public ref T this[int index] => ref _items[index];

    public Span<T> AsSpan() => _items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }
        _items[Count++] = item;
    }

    /// <summary>Appends <paramref name="count"/> default slots and returns them.</summary>
    public Span<T> AddRange(int count)
    {
        if (Count + count > _items.Length)
        {
            Grow(Count + count);
        }
        var span = _items.AsSpan(Count, count);
        Count += count;
        return span;
    }

    public void Dispose()
    {
        ArrayPool<T>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(_items);
        _items = bigger;
    }
}
