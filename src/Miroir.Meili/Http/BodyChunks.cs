using System.Buffers;

namespace Miroir.Meili.Http;

/// <summary>
/// A request body of unknown length (chunked) collected in small pooled chunks while it streams in, then copied
/// once into an array of the exact size. Growing one array by doubling instead would leave a trail of ever larger
/// arrays, each handed back to the shared pool (which keeps them) or to the large object heap; a client that sends
/// eight oversized chunked bodies at once then left the orchestrator holding gigabytes after every 413.
/// </summary>
public sealed class BodyChunks : IDisposable
{
    // Under the 85 000-byte large-object threshold: a rejected body's chunks are ordinary garbage, and the shared
    // pool keeps at most a few dozen of them per core.
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _last = ChunkSize;

    /// <summary>Bytes collected so far.</summary>
    public long Length { get; private set; }

    /// <summary>Appends <paramref name="data"/>, renting chunks as needed.</summary>
    public void Write(in ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
        {
            var span = segment.Span;
            while (!span.IsEmpty)
            {
                if (_last == ChunkSize)
                {
                    _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                    _last = 0;
                }

                var n = Math.Min(span.Length, ChunkSize - _last);
                span[..n].CopyTo(_chunks[^1].AsSpan(_last));
                _last += n;
                span = span[n..];
                Length += n;
            }
        }
    }

    /// <summary>Copies everything into <paramref name="destination"/>, which holds at least <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var length = i == _chunks.Count - 1 ? _last : ChunkSize;
            _chunks[i].AsSpan(0, length).CopyTo(destination[(i * ChunkSize)..]);
        }
    }

    /// <summary>Returns the chunks to the pool.</summary>
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        _last = ChunkSize;
        Length = 0;
    }
}
