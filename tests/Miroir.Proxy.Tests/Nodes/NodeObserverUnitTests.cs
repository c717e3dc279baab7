using Miroir.Proxy.Cluster;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Nodes;

/// <summary>What one finished node exchange tells the metrics and passive health (no sockets: exchanges are made up).</summary>
public sealed class NodeObserverUnitTests : IDisposable
{
    private readonly ProxyMetrics _metrics = new();
    private readonly NodeObserver _observer;
    private readonly List<string> _suspected = [];

    public NodeObserverUnitTests()
    {
        _observer = new NodeObserver(new NodeStates(), _metrics) { Failed = (id, _) => _suspected.Add(id) };
    }

    [Theory]
    [InlineData(NodeErrorKind.Timeout, "timeout")]
    [InlineData(NodeErrorKind.ConnectFailed, "unreachable")]
    [InlineData(NodeErrorKind.ConnectionReset, "unreachable")]
    [InlineData(NodeErrorKind.Protocol, "unreachable")]
    public void Finished_NodeNotReached_CountedAndSuspected(NodeErrorKind kind, string errorType)
    {
        _observer.RequestFinished("node-1", Exchange(kind, 0, isRead: true));

        Assert.Equal(["node-1"], _suspected);
        Assert.Contains($"miroir_node_errors_total{{node_id=\"node-1\",error_type=\"{errorType}\"}} 1", _metrics.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_ServerError_CountedButNeverSuspected()
    {
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.HttpStatus, 503, isRead: false));

        Assert.Empty(_suspected);
        Assert.Contains("miroir_node_errors_total{node_id=\"node-1\",error_type=\"http_5xx\"} 1", _metrics.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_ClientRefusal_NoErrorAndNotSuspected()
    {
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.HttpStatus, 400, isRead: true));

        Assert.Empty(_suspected);
        Assert.DoesNotContain("miroir_node_errors_total{", _metrics.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_Canceled_NothingRecorded()
    {
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.Canceled, 0, isRead: true));

        Assert.Empty(_suspected);
        Assert.DoesNotContain("node_id=\"node-1\"", _metrics.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Finished_ReadAndWrite_LabelledByTheRequest()
    {
        // A search is a POST that only reads: its request says so, not its method.
        var search = NodeRequest.Post("/indexes/docs/search", "{}"u8.ToArray()) with { IsRead = true };
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.None, 200, search.IsRead));
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.None, 202, NodeRequest.Post("/indexes/docs/documents", "[]"u8.ToArray()).IsRead));
        _observer.RequestFinished("node-1", Exchange(NodeErrorKind.None, 200, NodeRequest.Get("/indexes").IsRead));

        var text = _metrics.Scrape();
        Assert.Contains("miroir_node_request_duration_seconds_count{node_id=\"node-1\",operation=\"read\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("miroir_node_request_duration_seconds_count{node_id=\"node-1\",operation=\"write\"} 1", text, StringComparison.Ordinal);
    }

    public void Dispose() => _metrics.Dispose();

    private static NodeExchange Exchange(NodeErrorKind kind, int status, bool isRead) =>
        new(kind, status, TimeSpan.FromMilliseconds(3), 100, 200, isRead);
}
