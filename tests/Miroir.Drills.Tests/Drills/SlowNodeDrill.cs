using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// One node 500 ms slower (every byte towards it held 500 ms by a <see cref="LatencyRelay"/>): with hedging and adaptive
/// replica selection, search p99 must stay below 2 × the healthy p99 (05-quality reliability goal). The same drill with
/// both turned off shows what they buy.
/// </summary>
public sealed class SlowNodeDrill(ITestOutputHelper output)
{
    private const int Documents = 2000;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Slowdown = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Search_p99_with_one_node_500ms_slower(bool tailTolerance)
    {
        await using var relay = new LatencyRelay();
        var options = new DrillOptions
        {
            NodeAddresses = new Dictionary<string, string> { ["node-2"] = relay.Url },
            ExtraYaml = tailTolerance ? "" : "hedging: { enabled: false }\nreplica_selection: { strategy: round_robin }",
        };
        await using var cluster = await DrillCluster.StartAsync(options);
        relay.Forward(cluster.Nodes[1].Port);
        await Seed.PackagesAsync(cluster, Documents);

        var healthy = await SearchForAsync(cluster);
        relay.Delay = Slowdown;
        var slow = await SearchForAsync(cluster);
        var metrics = await cluster.Admin.MetricsAsync();

        var (before, during) = (new Latencies(healthy.Select(a => a.Elapsed)), new Latencies(slow.Select(a => a.Elapsed)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hedging+adaptive {(tailTolerance ? "on" : "off")}: healthy {before}; node-2 +{Slowdown.TotalMilliseconds:F0} ms {during}; " +
            $"hedges won {AdminApi.Sample(metrics, "miroir_hedge_fired_total{outcome=\"winner\"}")}, " +
            $"lost {AdminApi.Sample(metrics, "miroir_hedge_fired_total{outcome=\"loser\"}")}, " +
            $"refused {AdminApi.Sample(metrics, "miroir_hedge_budget_exhausted_total")}, " +
            $"explorations {AdminApi.Sample(metrics, "miroir_replica_selection_exploration_total")}"));

        var failed = healthy.Concat(slow).Where(a => a.Status != 200 || a.Degraded is not null).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} searches failed or degraded, e.g. {failed.FirstOrDefault()}\n{cluster.Describe()}");
        if (tailTolerance)
        {
            Assert.True(during.P99 < 2 * before.P99, $"p99 {during.P99:F0} ms with a slow node, healthy {before.P99:F0} ms");
        }
    }

    private static async Task<IReadOnlyList<SearchAnswer>> SearchForAsync(DrillCluster cluster)
    {
        await using var searches = SearchLoad.Start(cluster.Api, Seed.Index, clients: 4);
        await Task.Delay(Phase);
        return await searches.StopAsync();
    }
}
