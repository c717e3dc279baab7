using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>
/// The connections' pipe buffers, rented from the transport's <see cref="ArrayPool{T}"/> so one pool (and one
/// counter in tests) sees every buffer the transport holds.
/// </summary>
internal sealed class ArrayMemoryPool(ArrayPool<byte> arrays) : MemoryPool<byte>
{
    /// <summary>The pipes' block size: a whole search answer head plus a good part of its body per read.</summary>
    public const int BlockSize = 16 * 1024;

    public override int MaxBufferSize => PooledBody.MaxSegment;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        new Block(arrays, arrays.Rent(minBufferSize < 0 ? BlockSize : minBufferSize));

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Block(ArrayPool<byte> arrays, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                arrays.Return(returned);
            }
        }
    }
}
