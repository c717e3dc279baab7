using System.Net.Sockets;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Tests.Transport;

public sealed class NodeFailuresUnitTests
{
    [Theory]
    [InlineData(NodeErrorKind.None, 200, NodeOutcome.Answered)]
    [InlineData(NodeErrorKind.HttpStatus, 404, NodeOutcome.Refused)]
    [InlineData(NodeErrorKind.HttpStatus, 503, NodeOutcome.ServerError)]
    [InlineData(NodeErrorKind.ConnectFailed, 0, NodeOutcome.Unreachable)]
    [InlineData(NodeErrorKind.ConnectionReset, 0, NodeOutcome.Unreachable)]
    [InlineData(NodeErrorKind.Protocol, 0, NodeOutcome.Unreachable)]
    [InlineData(NodeErrorKind.Timeout, 0, NodeOutcome.Unreachable)]
    [InlineData(NodeErrorKind.Canceled, 0, NodeOutcome.Canceled)]
    public void Classify_KindAndStatus_Outcome(NodeErrorKind kind, int status, NodeOutcome expected) =>
        Assert.Equal(expected, NodeFailures.Classify(kind, status));

    [Fact]
    public void Classify_Outcomes_OnlyUnreachableSuspectsTheNode()
    {
        Assert.True(NodeFailures.IsNodeFailure(NodeOutcome.ServerError));
        Assert.True(NodeFailures.IsNodeFailure(NodeOutcome.Unreachable));
        Assert.False(NodeFailures.IsNodeFailure(NodeOutcome.Refused));
        Assert.False(NodeFailures.IsNodeFailure(NodeOutcome.Canceled));
        Assert.True(NodeFailures.SuspectsNode(NodeOutcome.Unreachable));
        Assert.False(NodeFailures.SuspectsNode(NodeOutcome.ServerError));
    }

    [Fact]
    public void MetricLabel_Kinds_TodaysErrorTypes()
    {
        Assert.Null(NodeFailures.MetricLabel(NodeErrorKind.None, 200));
        Assert.Null(NodeFailures.MetricLabel(NodeErrorKind.HttpStatus, 400));
        Assert.Null(NodeFailures.MetricLabel(NodeErrorKind.Canceled, 0));
        Assert.Equal(NodeErrorTypes.ServerError, NodeFailures.MetricLabel(NodeErrorKind.HttpStatus, 500));
        Assert.Equal(NodeErrorTypes.Timeout, NodeFailures.MetricLabel(NodeErrorKind.Timeout, 0));
        Assert.Equal(NodeErrorTypes.Unreachable, NodeFailures.MetricLabel(NodeErrorKind.Protocol, 0));
    }

    [Fact]
    public void KindOf_Exceptions_SameFilterAsTheThreeCopies()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Equal(NodeErrorKind.Timeout, NodeFailures.KindOf(new TaskCanceledException(), CancellationToken.None));
        Assert.Equal(NodeErrorKind.Canceled, NodeFailures.KindOf(new TaskCanceledException(), cancelled.Token));
        Assert.Equal(NodeErrorKind.ConnectFailed, NodeFailures.KindOf(new SocketException(), CancellationToken.None, connecting: true));
        Assert.Equal(NodeErrorKind.ConnectionReset, NodeFailures.KindOf(new SocketException(), CancellationToken.None));
        Assert.Equal(NodeErrorKind.ConnectionReset, NodeFailures.KindOf(new EndOfStreamException(), CancellationToken.None));
        Assert.Equal(NodeErrorKind.ConnectFailed,
            NodeFailures.KindOf(new HttpRequestException(HttpRequestError.ConnectionError), CancellationToken.None));
        Assert.Null(NodeFailures.KindOf(new InvalidOperationException(), CancellationToken.None));
    }
}
