using Miroir.Core.Configuration;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>
/// Hedged reads (spec §13.2) on real engine nodes, one made slow or failing by a loopback relay. Replica selection is
/// round-robin here so every query keeps asking the slow node and only hedging can route around it.
/// </summary>
public sealed class HedgingTests
{
    private const string Won = "miroir_hedge_fired_total{outcome=\"winner\"}";
    private const string Lost = "miroir_hedge_fired_total{outcome=\"loser\"}";
    private const string Exhausted = "miroir_hedge_budget_exhausted_total";
    private static readonly string[] Queries = ["item", "colour3", "item colour5"];

    private static Func<MiroirConfig, MiroirConfig> With(HedgingConfig hedging) =>
        c => c with { Hedging = hedging, ReplicaSelection = new ReplicaSelectionConfig { Strategy = ReplicaStrategy.RoundRobin } };

    /// <summary>
    /// Every node answers enough reads that its p95 no longer reflects the first, cold requests; returns each query's
    /// answer with every node fast.
    /// </summary>
    private static async Task<Dictionary<string, string>> WarmUpAsync(SlowNodeCluster cluster)
    {
        var baseline = new Dictionary<string, string>();
        for (var round = 0; round < 20; round++)
        {
            foreach (var q in Queries)
            {
                var (status, answer) = await cluster.SearchAsync(q);
                Assert.Equal(200, status);
                Assert.Equal(baseline.GetValueOrDefault(q, answer), answer);
                baseline[q] = answer;
            }
        }

        return baseline;
    }

    private static async Task<double> FiredAsync(SlowNodeCluster cluster) => await cluster.MetricAsync(Won) + await cluster.MetricAsync(Lost);

    [Fact]
    public async Task Search_SlowReplica_HedgeAnswersWithIdenticalResults()
    {
        // A floor of 1 s under the hedge delay: the fast replica never outlasts it, even on a loaded machine, so the
        // only hedges are the slow node's and the slow node is asked exactly once per query.
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(new HedgingConfig { MinTriggerMs = 1000 }));
        var baseline = await WarmUpAsync(cluster);
        var wonBefore = await cluster.MetricAsync(Won);
        var slowReadsBefore = cluster.Relay(1).Reads;

        cluster.Relay(1).Delay = TimeSpan.FromSeconds(30);
        foreach (var q in Queries)
        {
            var (status, answer) = await cluster.SearchAsync(q);
            Assert.Equal(200, status);
            Assert.Equal(baseline[q], answer);
        }

        // Each query asked the slow node, gave up on it after its hedge delay and took the fast replica's answer
        // (waiting for the slow one would have outlasted the test client's 30 s timeout).
        Assert.Equal(Queries.Length, cluster.Relay(1).Reads - slowReadsBefore);
        Assert.True(await cluster.MetricAsync(Won) - wonBefore >= Queries.Length);
    }

    [Fact]
    public async Task Search_HedgingDisabled_NoHedgeAndSlowNodeAnswers()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(new HedgingConfig { Enabled = false }));
        var baseline = await WarmUpAsync(cluster);
        var slowReadsBefore = cluster.Relay(1).Reads;

        cluster.Relay(1).Delay = TimeSpan.FromMilliseconds(300);
        foreach (var q in Queries)
        {
            Assert.Equal((200, baseline[q]), await cluster.SearchAsync(q));
        }

        Assert.Equal(Queries.Length, cluster.Relay(1).Reads - slowReadsBefore);
        Assert.Equal(0, await FiredAsync(cluster));
        Assert.Equal(0, await cluster.MetricAsync(Exhausted));
    }

    [Fact]
    public async Task Search_BudgetPercentZero_OnlyTheSavedUpHedgesFire()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(new HedgingConfig { BudgetPercent = 0 }));
        var baseline = await WarmUpAsync(cluster);
        var firedBefore = await FiredAsync(cluster);
        var exhaustedBefore = await cluster.MetricAsync(Exhausted);

        cluster.Relay(1).Delay = TimeSpan.FromSeconds(2);
        for (var i = 0; i < 14; i++)
        {
            var q = Queries[i % Queries.Length];
            Assert.Equal((200, baseline[q]), await cluster.SearchAsync(q));
        }

        // Nothing earns hedges at 0 %: at most the 10 saved up at start fire, the rest of the 14 slow reads wait.
        Assert.InRange(await FiredAsync(cluster) - firedBefore, 0, 10);
        Assert.True(await cluster.MetricAsync(Exhausted) - exhaustedBefore >= 4);
    }

    [Fact]
    public async Task Search_TwoSlowNodesOneHedgePerQuery_SecondIsRefused()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 3, replicationFactor: 3, With(new HedgingConfig { MaxHedgesPerQuery = 1 }));
        var baseline = await WarmUpAsync(cluster);
        var firedBefore = await FiredAsync(cluster);
        var exhaustedBefore = await cluster.MetricAsync(Exhausted);

        cluster.Relay(1).Delay = TimeSpan.FromSeconds(2);
        cluster.Relay(2).Delay = TimeSpan.FromSeconds(2);
        foreach (var q in Queries)
        {
            Assert.Equal((200, baseline[q]), await cluster.SearchAsync(q));
        }

        Assert.InRange(await FiredAsync(cluster) - firedBefore, 1, Queries.Length);
        Assert.True(await cluster.MetricAsync(Exhausted) - exhaustedBefore >= Queries.Length);
    }

    [Fact]
    public async Task Search_HedgeToFailingNode_FallsBackToAnotherReplica()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 3, replicationFactor: 3, With(new HedgingConfig()));
        var baseline = await WarmUpAsync(cluster);

        cluster.Relay(1).Delay = TimeSpan.FromMilliseconds(400);
        cluster.Relay(2).Failing = true;
        foreach (var q in Queries)
        {
            Assert.Equal((200, baseline[q]), await cluster.SearchAsync(q));
        }
    }

    [Fact]
    public async Task ListDocuments_SlowReplica_HedgedPagesHoldEveryDocumentOnce()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(new HedgingConfig()));
        await WarmUpAsync(cluster);
        var wonBefore = await cluster.MetricAsync(Won);

        cluster.Relay(1).Delay = TimeSpan.FromSeconds(30);
        var (status, body, _) = await cluster.Cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/{SlowNodeCluster.Uid}/documents?limit=500");

        Assert.Equal(200, status);
        Assert.Equal(120, body.GetProperty("total").GetInt32());
        Assert.Equal(Enumerable.Range(1, 120).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            ReadJson.Ids(body, "results").Order());
        Assert.True(await cluster.MetricAsync(Won) - wonBefore >= 1);
    }

    [Fact]
    public async Task GetDocument_SlowReplica_HedgeAnswers()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(new HedgingConfig()));
        await WarmUpAsync(cluster);
        var wonBefore = await cluster.MetricAsync(Won);

        cluster.Relay(1).Delay = TimeSpan.FromSeconds(30);
        for (var id = 1; id <= 4; id++)
        {
            var (status, body, _) = await cluster.Cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/{SlowNodeCluster.Uid}/documents/{id}");
            Assert.Equal(200, status);
            Assert.Equal(id, body.GetProperty("id").GetInt32());
        }

        // Reads rotate over the two replicas: the ones that asked the slow node first were hedged.
        Assert.True(await cluster.MetricAsync(Won) - wonBefore >= 1);
    }
}
