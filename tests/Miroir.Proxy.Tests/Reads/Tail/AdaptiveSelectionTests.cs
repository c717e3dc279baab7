using Miroir.Core.Configuration;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>
/// Adaptive replica selection (spec §13.3) on real engine nodes: a node slowed by a loopback relay loses its reads,
/// keeps an exploration share, and wins them back once it is fast again. Hedging is off so only selection acts.
/// </summary>
public sealed class AdaptiveSelectionTests
{
    private static readonly string[] Queries = ["item", "colour3", "item colour5", "colour1"];

    private static Func<MiroirConfig, MiroirConfig> With(ReplicaStrategy strategy) => c => c with
    {
        Hedging = new HedgingConfig { Enabled = false },
        ReplicaSelection = new ReplicaSelectionConfig { Strategy = strategy, ExplorationEpsilon = 0.2 },
    };

    /// <summary>Runs <paramref name="count"/> searches; returns how many of them asked node-2.</summary>
    private static async Task<int> SearchesAskingSlowNodeAsync(SlowNodeCluster cluster, int count, Dictionary<string, string> baseline)
    {
        var asked = 0;
        for (var i = 0; i < count; i++)
        {
            var q = Queries[i % Queries.Length];
            var before = cluster.Relay(1).Reads;
            var (status, answer) = await cluster.SearchAsync(q);
            Assert.Equal(200, status);
            Assert.Equal(baseline.GetValueOrDefault(q, answer), answer);
            baseline[q] = answer;
            asked += cluster.Relay(1).Reads > before ? 1 : 0;
        }

        return asked;
    }

    [Fact]
    public async Task Search_SlowNode_LosesReadsThenWinsThemBackAfterRecovery()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(ReplicaStrategy.Adaptive));
        var baseline = new Dictionary<string, string>();
        // Every query's covering set holds both nodes (12 shards over 2 nodes, RF 2): with both fast, every search asks node-2.
        Assert.Equal(12, await SearchesAskingSlowNodeAsync(cluster, 12, baseline));

        cluster.Relay(1).Delay = TimeSpan.FromMilliseconds(200);
        var slowPhase = await SearchesAskingSlowNodeAsync(cluster, 40, baseline);
        var metrics = await Health.AdminClient.MetricsAsync(cluster.Cluster);

        // Round-robin would ask it 40 times; adaptive only on exploration (ε = 0.2, about 8) and while it learns.
        Assert.InRange(slowPhase, 1, 20);
        Assert.True(Health.AdminClient.Sample(metrics, "miroir_replica_selection_score{node_id=\"node-2\"}")
            > Health.AdminClient.Sample(metrics, "miroir_replica_selection_score{node_id=\"node-1\"}"));
        Assert.True(Health.AdminClient.Sample(metrics, "miroir_replica_selection_exploration_total") >= 1);

        // Recovered: exploration reads measure it fast again until it is back in every covering set.
        cluster.Relay(1).Delay = TimeSpan.Zero;
        var streak = 0;
        for (var i = 0; i < 300 && streak < 10; i++)
        {
            streak = await SearchesAskingSlowNodeAsync(cluster, 1, baseline) == 1 ? streak + 1 : 0;
        }

        Assert.Equal(10, streak);
    }

    [Fact]
    public async Task Search_RoundRobin_SlowNodeKeepsItsReads()
    {
        await using var cluster = await SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, With(ReplicaStrategy.RoundRobin));
        var baseline = new Dictionary<string, string>();
        await SearchesAskingSlowNodeAsync(cluster, 8, baseline);

        cluster.Relay(1).Delay = TimeSpan.FromMilliseconds(100);

        Assert.Equal(8, await SearchesAskingSlowNodeAsync(cluster, 8, baseline));
    }
}
