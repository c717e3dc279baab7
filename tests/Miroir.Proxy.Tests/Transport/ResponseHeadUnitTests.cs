using System.Buffers;
using System.Text;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Transport;

public sealed class ResponseHeadUnitTests
{
    [Fact]
    public void TryParse_LengthHead_StatusLengthKeepAlive()
    {
        var bytes = Bytes("HTTP/1.1 202 Accepted\r\ncontent-length: 17\r\nContent-Type: application/json\r\n\r\n{\"taskUid\":1234}");
        Assert.True(ResponseHead.TryParse(bytes, out var head, out var end));
        Assert.Equal(new ResponseHead(202, 17, false, true), head);
        Assert.Equal("{\"taskUid\":1234}", Encoding.ASCII.GetString(bytes.Slice(end).ToArray()));
    }

    [Fact]
    public void TryParse_ChunkedAndClose_Framing()
    {
        Assert.True(ResponseHead.TryParse(Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"), out var head, out _));
        Assert.True(head.Chunked);
        Assert.False(head.KeepAlive);
        Assert.True(ResponseHead.TryParse(Bytes("HTTP/1.0 200 OK\r\n\r\n"), out var old, out _));
        Assert.False(old.KeepAlive);
        Assert.True(old.ReadsToClose);
    }

    [Fact]
    public void TryParse_HeadSplitAcrossSegments_NeedsMoreThenParses()
    {
        Assert.False(ResponseHead.TryParse(Bytes("HTTP/1.1 200 OK\r\nContent-Len"), out _, out _));
        Assert.True(ResponseHead.TryParse(Split("HTTP/1.1 200 OK\r\nContent-Len", "gth: 5\r\n\r\nhello"), out var head, out _));
        Assert.Equal(5, head.ContentLength);
    }

    [Theory]
    [InlineData("HTTP/2 200\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    public void TryParse_Malformed_Throws(string head) =>
        Assert.Equal(NodeErrorKind.Protocol, Assert.Throws<NodeTransportException>(() => ResponseHead.TryParse(Bytes(head), out _, out _)).Kind);

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    internal static ReadOnlySequence<byte> Split(string first, string second)
    {
        var a = new TestSegment(Encoding.ASCII.GetBytes(first), 0);
        var b = a.Append(Encoding.ASCII.GetBytes(second));
        return new ReadOnlySequence<byte>(a, 0, b, b.Memory.Length);
    }

    private sealed class TestSegment : ReadOnlySequenceSegment<byte>
    {
        public TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public TestSegment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new TestSegment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
