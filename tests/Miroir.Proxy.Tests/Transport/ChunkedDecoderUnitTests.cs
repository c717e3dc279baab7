using System.Buffers;
using System.Text;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Transport;

public sealed class ChunkedDecoderUnitTests
{
    private const string Encoded = "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: x\r\n\r\n";

    [Fact]
    public void Decode_WholeBody_DataWithoutFraming()
    {
        var pool = new CountingArrayPool();
        var body = new PooledBody(pool);
        var decoder = new ChunkedDecoder();
        var input = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Encoded));
        var stop = decoder.Decode(input, body);

        Assert.True(decoder.IsDone);
        Assert.Equal(input.End, stop);
        Assert.Equal("helloabcdefghijklmnopqrstuvwxyz", Encoding.ASCII.GetString(body.Sequence.ToArray()));
        body.Release();
        body.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Decode_OneByteAtATime_SameBody()
    {
        var body = new PooledBody(ArrayPool<byte>.Shared);
        var decoder = new ChunkedDecoder();
        var pending = Array.Empty<byte>();
        foreach (var b in Encoding.ASCII.GetBytes(Encoded))
        {
            // Like a pipe: unconsumed bytes are offered again with the next arrival.
            var input = new ReadOnlySequence<byte>([.. pending, b]);
            var stop = decoder.Decode(input, body);
            pending = input.Slice(stop).ToArray();
        }

        Assert.True(decoder.IsDone);
        Assert.Equal("helloabcdefghijklmnopqrstuvwxyz", Encoding.ASCII.GetString(body.Sequence.ToArray()));
        body.Release();
    }

    [Fact]
    public void Append_MoreThanOneSegment_ChainOfAtMost64K()
    {
        var pool = new CountingArrayPool();
        var body = new PooledBody(pool);
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        body.Append(new ReadOnlySequence<byte>(data, 0, 1000), -1);
        body.Append(new ReadOnlySequence<byte>(data, 1000, data.Length - 1000), -1);

        Assert.Equal(data, body.Sequence.ToArray());
        Assert.All(Segments(body.Sequence), length => Assert.InRange(length, 1, 64 * 1024));
        body.Release();
        Assert.Equal(0, pool.Outstanding);
    }

    private static IEnumerable<int> Segments(ReadOnlySequence<byte> sequence)
    {
        foreach (var memory in sequence)
        {
            yield return memory.Length;
        }
    }
}
