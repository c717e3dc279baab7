using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Health;

namespace Miroir.Proxy.Tests.Health;

public sealed class NodeHealthUnitTests
{
    private static readonly HealthConfig Config = new() { UnhealthyThreshold = 3, RecoveryThreshold = 2 };
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void ProbeFailed_BelowThreshold_Degraded_AtThreshold_Failed()
    {
        var health = new NodeHealth("node-1");
        Assert.Equal(NodeState.Degraded, health.ProbeFailed("refused", Config));
        Assert.Equal(NodeState.Degraded, health.ProbeFailed("refused", Config));
        Assert.Equal(NodeState.Failed, health.ProbeFailed("refused", Config));
        Assert.Equal(3, health.ConsecutiveFailures);
        Assert.Equal("refused", health.LastError);
    }

    [Fact]
    public void ProbeSucceeded_AfterDegraded_HealthyAtOnce()
    {
        var health = new NodeHealth("node-1");
        health.ProbeFailed("slow", Config);
        Assert.Equal(NodeState.Healthy, health.ProbeSucceeded(Now, Config));
        Assert.Null(health.LastError);
        Assert.Equal(Now, health.LastSeen);
    }

    [Fact]
    public void ProbeSucceeded_AfterFailed_NeedsRecoveryThreshold()
    {
        var health = new NodeHealth("node-1");
        for (var i = 0; i < 3; i++)
        {
            health.ProbeFailed("refused", Config);
        }

        Assert.Equal(NodeState.Failed, health.ProbeSucceeded(Now, Config));
        Assert.Equal(NodeState.Failed, health.ProbeFailed("refused", Config));
        Assert.Equal(NodeState.Failed, health.ProbeSucceeded(Now, Config));
        Assert.Equal(NodeState.Healthy, health.ProbeSucceeded(Now, Config));
    }

    [Fact]
    public void Suspect_Healthy_BecomesDegraded_FailedStaysFailed()
    {
        var health = new NodeHealth("node-1");
        Assert.Equal(NodeState.Degraded, health.Suspect("request timed out"));
        Assert.Equal("request timed out", health.LastError);

        for (var i = 0; i < 3; i++)
        {
            health.ProbeFailed("refused", Config);
        }

        Assert.Equal(NodeState.Failed, health.Suspect("again"));
    }
}
