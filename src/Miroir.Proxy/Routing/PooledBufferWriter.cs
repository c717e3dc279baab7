using System.Buffers;
using System.Runtime.CompilerServices;

namespace Miroir.Proxy.Routing;

/// <summary>An <see cref="IBufferWriter{T}"/> over one growing <see cref="ArrayPool{T}"/> array, returned on dispose.</summary>
/// <remarks>
/// Per-node sub-batches and merge scratch space live here so that the hot paths allocate nothing per document.
/// Dispose returns the array; a disposed writer that is written to again rents a new one (used for reuse).
/// </remarks>
public sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    /// <summary>Bytes written so far; valid until the next write or dispose.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Bytes written so far; valid until the next write or dispose.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int WrittenCount => _written;

    /// <summary>Forgets the content but keeps the rented array for reuse.</summary>
    public void Clear() => _written = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Appends one byte (the fast path for JSON punctuation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte value)
    {
        if (_written >= _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_written++] = value;
    }

    /// <summary>Appends a span of bytes.</summary>
    public void Write(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_written));
        _written += value.Length;
    }

    /// <summary>Appends a slice of a sequence without materialising it elsewhere first.</summary>
    public void Write(in ReadOnlySequence<byte> value)
    {
        if (value.IsSingleSegment)
        {
            Write(value.FirstSpan);
            return;
        }

        Ensure(checked((int)value.Length));
        value.CopyTo(_buffer.AsSpan(_written));
        _written += (int)value.Length;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written < sizeHint)
        {
            Grow(sizeHint);
        }
    }

    // Kept out of line so the inlined fast paths stay small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        var needed = checked(_written + sizeHint);
        var size = Math.Max(needed, Math.Max(_buffer.Length * 2, 256));
        if ((uint)size > (uint)Array.MaxLength)
        {
            size = Math.Max(needed, Array.MaxLength);
        }

        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
