using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Transport;

/// <summary>The node transport against a real Kestrel on loopback: framing, pooling, deadlines and buffer ownership.</summary>
public sealed class NodeTransportTests : IAsyncLifetime
{
    private readonly CountingArrayPool _pool = new();
    private LoopbackNode _node = null!;

    public async Task InitializeAsync() => _node = await LoopbackNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private NodeTransport Transport(int maxConnections = 64, TimeSpan? timeout = null, string? bearer = null,
        INodeTransportObserver? observer = null) =>
        new("n1", _node.Url, new NodeTransportOptions
        {
            MaxConnections = maxConnections,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            BearerToken = bearer,
            BufferPool = _pool,
            Observer = observer,
        });

    [Theory]
    [InlineData("/length", 300)]
    [InlineData("/length", 20_000)]
    [InlineData("/chunked", 300)]
    [InlineData("/chunked", 20_000)]
    public async Task Send_FramedBody_ReadWhole(string path, int size)
    {
        using var transport = Transport();
        using (var answer = await transport.SendAsync(NodeRequest.Get($"{path}?size={size}")))
        {
            Assert.Equal(200, answer.Status);
            Assert.Equal(NodeErrorKind.None, answer.ErrorKind);
            Assert.Null(answer.Error);
            Assert.Equal(LoopbackNode.Payload(size), answer.ToArray());
        }

        transport.Dispose();
        Assert.Equal(0, await _pool.SettledOutstandingAsync());
    }

    [Theory]
    [InlineData("/length")]
    [InlineData("/chunked")]
    public async Task Send_FiveMegabyteBody_SpansSegmentsOfAtMost64K(string path)
    {
        const int size = 5 * 1024 * 1024;
        using var transport = Transport();
        using (var answer = await transport.SendAsync(NodeRequest.Get($"{path}?size={size}&piece=100000")))
        {
            Assert.Equal(200, answer.Status);
            Assert.False(answer.Body.IsSingleSegment);
            foreach (var segment in answer.Body)
            {
                Assert.True(segment.Length <= 64 * 1024, $"a segment of {segment.Length} bytes");
            }

            Assert.True(LoopbackNode.Payload(size).AsSpan().SequenceEqual(answer.ToArray()));
        }

        Assert.True(_pool.Largest <= 64 * 1024, $"an array of {_pool.Largest} bytes was rented");
        transport.Dispose();
        Assert.Equal(0, await _pool.SettledOutstandingAsync());
    }

    [Fact]
    public async Task Send_SequentialRequests_ReuseOneConnection()
    {
        using var transport = Transport();
        for (var i = 0; i < 20; i++)
        {
            using var answer = await transport.SendAsync(NodeRequest.Get(i % 2 == 0 ? "/length?size=20000" : "/chunked?size=3000"));
            Assert.Equal(200, answer.Status);
        }

        Assert.Equal(1, _node.Connections);
        Assert.Equal(1, transport.OpenConnections);
        Assert.Equal(1, transport.IdleConnections);
    }

    [Fact]
    public async Task Send_ManyConcurrentRequests_PoolBoundHolds()
    {
        using var transport = Transport(maxConnections: 4);
        var calls = Enumerable.Range(0, 40).Select(async _ =>
        {
            using var answer = await transport.SendAsync(NodeRequest.Get("/slow?ms=20"));
            return answer.Status;
        });

        var statuses = await Task.WhenAll(calls);
        Assert.All(statuses, s => Assert.Equal(200, s));
        Assert.True(_node.MaxInFlight <= 4, $"{_node.MaxInFlight} requests in flight at once");
        Assert.True(_node.Connections <= 4, $"{_node.Connections} connections opened");
        Assert.True(transport.OpenConnections <= 4);
    }

    [Fact]
    public async Task Send_BodyHeadersAndKey_ReachTheNode()
    {
        using var transport = Transport(bearer: "node-secret");
        var json = """{"q":"tolkien","limit":20}"""u8.ToArray();
        var request = NodeRequest.Post("indexes/books/search?x=1", json) with
        {
            Headers = [new("X-Miroir-Tie-Break", "3")],
        };
        // The body also travels as a multi-segment sequence: both halves must arrive in order.
        using var answer = await transport.SendAsync(request with { Body = Split(json), PathAndQuery = "/echo" });

        Assert.Equal(200, answer.Status);
        Assert.Equal(json, answer.ToArray());
        var echoed = await EchoAsync(transport, request);
        Assert.StartsWith("POST /headers?x=1\n", echoed, StringComparison.Ordinal);
        Assert.Contains("authorization: Bearer node-secret\n", echoed);
        Assert.Contains("content-type: application/json\n", echoed);
        Assert.Contains("accept-encoding: identity\n", echoed);
        Assert.Contains("x-miroir-tie-break: 3\n", echoed);
        Assert.Contains($"content-length: {json.Length}\n", echoed);
    }

    [Fact]
    public async Task Send_HttpError_CarriesStatusAndMeilisearchCode()
    {
        using var transport = Transport();
        using var refused = await transport.SendAsync(NodeRequest.Get("/error?status=400&code=invalid_search_q"));
        using var failed = await transport.SendAsync(NodeRequest.Get("/error?status=503&code=internal"));

        Assert.Equal(NodeErrorKind.HttpStatus, refused.ErrorKind);
        Assert.Equal(NodeOutcome.Refused, refused.Outcome);
        Assert.Equal(400, refused.Error!.Status);
        Assert.Equal("invalid_search_q", refused.Error.Code);
        Assert.Equal(NodeOutcome.ServerError, failed.Outcome);
        Assert.Equal("internal", failed.Error!.Code);
    }

    [Fact]
    public async Task Send_NoContent_EmptyBodyAndConnectionKept()
    {
        using var transport = Transport();
        using (var answer = await transport.SendAsync(new NodeRequest(HttpMethod.Delete, "/empty")))
        {
            Assert.Equal(204, answer.Status);
            Assert.True(answer.Body.IsEmpty);
        }

        using var next = await transport.SendAsync(NodeRequest.Get("/length"));
        Assert.Equal(200, next.Status);
        Assert.Equal(1, _node.Connections);
    }

    [Fact]
    public async Task Send_SlowerThanDeadline_TimeoutAndConnectionDropped()
    {
        using var transport = Transport(timeout: TimeSpan.FromMilliseconds(200));
        using var answer = await transport.SendAsync(NodeRequest.Get("/slow?ms=5000"));

        Assert.Equal(0, answer.Status);
        Assert.Equal(NodeErrorKind.Timeout, answer.ErrorKind);
        Assert.Equal(NodeOutcome.Unreachable, answer.Outcome);
        Assert.Equal(0, transport.OpenConnections);
        using var quick = await transport.SendAsync(NodeRequest.Get("/slow?ms=1") with { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(200, quick.Status);
    }

    [Fact]
    public async Task Send_CallerCancels_CanceledNotTimeout()
    {
        using var transport = Transport();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        using var answer = await transport.SendAsync(NodeRequest.Get("/slow?ms=5000"), cancel.Token);

        Assert.Equal(NodeErrorKind.Canceled, answer.ErrorKind);
        Assert.Equal(NodeOutcome.Canceled, answer.Outcome);
        Assert.False(NodeFailures.IsNodeFailure(answer.Outcome));
        Assert.Equal(0, transport.OpenConnections);
    }

    [Fact]
    public async Task Send_NothingListening_ConnectFailed()
    {
        var port = FreePort();
        using var transport = new NodeTransport("gone", $"http://127.0.0.1:{port}", new NodeTransportOptions { BufferPool = _pool });
        using var answer = await transport.SendAsync(NodeRequest.Get("/health"));

        Assert.Equal(NodeErrorKind.ConnectFailed, answer.ErrorKind);
        Assert.True(NodeFailures.SuspectsNode(answer.Outcome));
        Assert.Contains("gone", answer.Error!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, transport.OpenConnections);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public async Task Send_Observed_StartedAndFinishedWithBytes()
    {
        var observer = new RecordingObserver();
        using var transport = Transport(observer: observer);
        using (await transport.SendAsync(NodeRequest.Get("/length?size=20000")))
        {
        }

        using (await transport.SendAsync(NodeRequest.Get("/error?status=404&code=index_not_found")))
        {
        }

        Assert.Equal(2, observer.Started);
        Assert.Collection(
            observer.Finished,
            first =>
            {
                Assert.Equal(200, first.Status);
                Assert.Equal(NodeOutcome.Answered, first.Outcome);
                Assert.True(first.BytesReceived > 20_000);
                Assert.True(first.BytesSent > 0);
                Assert.True(first.Elapsed > TimeSpan.Zero);
            },
            second => Assert.Equal(NodeOutcome.Refused, second.Outcome));
    }

    [Fact]
    public async Task Dispose_AnswerTwice_BuffersReturnedOnce()
    {
        using var transport = Transport();
        var answer = await transport.SendAsync(NodeRequest.Get("/length?size=20000"));
        answer.Dispose();
        answer.Dispose();
        transport.Dispose();
        Assert.Equal(0, await _pool.SettledOutstandingAsync());
    }

    // What the node saw of the request: its request line and headers.
    private static async Task<string> EchoAsync(NodeTransport transport, NodeRequest request)
    {
        var path = request.PathAndQuery.Contains('?', StringComparison.Ordinal) ? request.PathAndQuery[request.PathAndQuery.IndexOf('?', StringComparison.Ordinal)..] : "";
        using var answer = await transport.SendAsync(new NodeRequest(request.Method, "/headers" + path) with
        {
            Body = request.Body,
            ContentType = request.ContentType,
            Headers = request.Headers,
        });
        Assert.Equal(200, answer.Status);
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, bytes.Length / 2), 0);
        var second = first.Append(bytes.AsMemory(bytes.Length / 2));
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    private sealed class RecordingObserver : INodeTransportObserver
    {
        public int Started { get; private set; }

        public List<NodeExchange> Finished { get; } = [];

        public void RequestStarted(string nodeId) => Started++;

        public void RequestFinished(string nodeId, in NodeExchange exchange) => Finished.Add(exchange);
    }
}
