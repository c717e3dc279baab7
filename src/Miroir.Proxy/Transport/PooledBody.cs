using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>
/// An answer body copied into arrays rented from a pool, at most <see cref="MaxSegment"/> bytes each (never a large
/// object heap allocation per answer). A body that fits one array needs no segment objects.
/// </summary>
internal sealed class PooledBody(ArrayPool<byte> pool)
{
    /// <summary>Below the large object heap threshold (85,000 bytes), and what ArrayPool.Shared still pools per core.</summary>
    public const int MaxSegment = 64 * 1024;

    private const int FirstUnknownSegment = 16 * 1024;

    private byte[]? _first;
    private int _firstWritten;
    private BodySegment? _head;
    private BodySegment? _tail;
    private int _released;

    public long Length { get; private set; }

    public ReadOnlySequence<byte> Sequence =>
        _head is not null ? new ReadOnlySequence<byte>(_head, 0, _tail!, _tail!.Written)
        : _first is not null ? new ReadOnlySequence<byte>(_first, 0, _firstWritten)
        : ReadOnlySequence<byte>.Empty;

    /// <summary>Copies <paramref name="data"/>; <paramref name="remainingHint"/> is the body still expected (-1 when unknown).</summary>
    public void Append(ReadOnlySequence<byte> data, long remainingHint)
    {
        foreach (var memory in data)
        {
            var span = memory.Span;
            while (!span.IsEmpty)
            {
                var free = FreeSpace(remainingHint);
                var count = Math.Min(free.Length, span.Length);
                span[..count].CopyTo(free);
                Advance(count);
                span = span[count..];
                if (remainingHint > 0)
                {
                    remainingHint -= count;
                }
            }
        }
    }

    /// <summary>Gives every rented array back, once (a second call does nothing).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        if (_head is null)
        {
            if (_first is not null)
            {
                pool.Return(_first);
            }
        }
        else
        {
            for (var segment = _head; segment is not null; segment = segment.NextSegment)
            {
                pool.Return(segment.Array);
            }
        }

        _first = null;
        _head = _tail = null;
    }

    private Span<byte> FreeSpace(long remainingHint)
    {
        if (_head is null)
        {
            if (_first is null)
            {
                _first = pool.Rent(SegmentSize(remainingHint, FirstUnknownSegment));
            }

            if (_firstWritten < _first.Length)
            {
                return _first.AsSpan(_firstWritten);
            }

            // The body outgrew one array: from now on it is a chain of segments.
            _head = _tail = new BodySegment(_first, _firstWritten, 0);
        }

        if (_tail!.Written == _tail.Array.Length)
        {
            var next = new BodySegment(pool.Rent(SegmentSize(remainingHint, MaxSegment)), 0, _tail.RunningIndex + _tail.Written);
            _tail.Link(next);
            _tail = next;
        }

        return _tail.Array.AsSpan(_tail.Written);
    }

    private void Advance(int count)
    {
        Length += count;
        if (_head is null)
        {
            _firstWritten += count;
        }
        else
        {
            _tail!.Grow(count);
        }
    }

    private static int SegmentSize(long remainingHint, int unknown) =>
        remainingHint > 0 ? (int)Math.Min(remainingHint, MaxSegment) : unknown;
}
