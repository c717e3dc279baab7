using System.Buffers;
using Miroir.Proxy.Reads;
using Miroir.Proxy.Tests.Transport;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>A read's hold on a node's pooled answer: the merge's contiguous view of it, and its one release.</summary>
public sealed class NodeReplyUnitTests
{
    [Fact]
    public void Memory_BodySpansSegments_WholeBodyInOnePiece()
    {
        var pool = new CountingArrayPool();
        var data = new byte[(PooledBody.MaxSegment * 2) + 1000];
        Random.Shared.NextBytes(data);
        using var reply = Reply(pool, data);

        Assert.False(reply.Body.IsSingleSegment);
        Assert.True(reply.Memory.Span.SequenceEqual(data));
        Assert.True(pool.Largest <= PooledBody.MaxSegment, "a node answer went to the large object heap");
    }

    [Fact]
    public void Dispose_AfterMerge_EveryBufferBackOnce()
    {
        var pool = new CountingArrayPool();
        var reply = Reply(pool, new byte[PooledBody.MaxSegment + 10]);
        _ = reply.Memory;
        Assert.True(pool.Outstanding > 0);

        reply.Dispose();

        Assert.Equal(0, pool.Outstanding);
    }

    private static NodeReply Reply(ArrayPool<byte> pool, byte[] data)
    {
        var body = new PooledBody(pool);
        body.Append(new ReadOnlySequence<byte>(data), data.Length);
        return new NodeReply(new NodeTarget(0, [0], Restrict: false), NodeAnswer.Http(200, body));
    }
}
