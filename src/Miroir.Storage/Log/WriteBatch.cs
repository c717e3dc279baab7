using System.Buffers;

namespace Miroir.Storage.Log;

/// <summary>
/// Records queued for one group commit: framed records back to back in a pooled buffer,
/// plus the appenders waiting for them. Two instances alternate between appenders and the writer.
/// </summary>
internal sealed class WriteBatch : IDisposable
{
    private const int InitialBytes = 64 * 1024;

    // A buffer grown past this by a burst goes back to the pool instead of pinning memory.
    private const int RetainedBytes = 4 * 1024 * 1024;

    private readonly List<AppendCompletion> _waiters = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);

    public int Length { get; private set; }

    public int Count => _waiters.Count;

    public long FirstLsn { get; private set; }

    public Span<byte> MutableBytes => _buffer.AsSpan(0, Length);

    /// <summary>Frames <paramref name="payload"/> as record <paramref name="lsn"/> (checksum left for the writer).</summary>
    public void Add(long lsn, ReadOnlySpan<byte> payload, AppendCompletion waiter)
    {
        var size = (int)RecordHeader.RecordSize(payload.Length);
        EnsureCapacity(size);
        if (_waiters.Count == 0)
            FirstLsn = lsn;
        var record = _buffer.AsSpan(Length, size);
        RecordHeader.WriteUnsealed(record, lsn, payload.Length, (uint)(lsn - FirstLsn));
        payload.CopyTo(record[RecordHeader.TotalSize..]);
        record[(RecordHeader.TotalSize + payload.Length)..].Clear();
        Length += size;
        _waiters.Add(waiter);
    }

    public void Complete()
    {
        var lsn = FirstLsn;
        foreach (var waiter in _waiters)
            waiter.SetResult(lsn++);
    }

    public void Fail(Exception error)
    {
        foreach (var waiter in _waiters)
            waiter.SetException(error);
    }

    public void Clear()
    {
        _waiters.Clear();
        Length = 0;
        if (_buffer.Length > RetainedBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void EnsureCapacity(int extra)
    {
        if (Length + extra <= _buffer.Length)
            return;
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)Length + extra)));
        _buffer.AsSpan(0, Length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
