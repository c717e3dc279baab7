using System.Diagnostics;
using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// A hung node (SIGSTOP: its sockets stay open, nothing answers) is the worst case for a scatter: reads must give up
/// on it after the node timeout, take the shards from the other replica, and keep answering complete results.
/// </summary>
public sealed class NodePauseDrill(ITestOutputHelper output)
{
    private const int Documents = 2000;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reads_keep_answering_while_a_node_is_paused_and_after_it_resumes()
    {
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions());
        var total = await Seed.PackagesAsync(cluster, Documents);
        var api = cluster.Api;
        var reference = await api.SearchAsync(Seed.Index, "library");
        Assert.Equal(200, reference.Status);
        var victim = cluster.Nodes[1];

        victim.Pause();
        IReadOnlyList<SearchAnswer> duringPause;
        try
        {
            await using var searches = SearchLoad.Start(api, Seed.Index, clients: 4);
            await Task.Delay(Pause);
            duringPause = await searches.StopAsync();
        }
        finally
        {
            victim.Resume();
        }

        var resumedAt = Stopwatch.StartNew();
        var afterResume = new List<SearchAnswer>();
        for (var i = 0; i < 12; i++)
        {
            afterResume.Add(await api.SearchAsync(Seed.Index, "library"));
        }

        var latencies = new Latencies(duringPause.Select(a => a.Elapsed));
        var failed = duringPause.Where(a => a.Status != 200).ToList();
        var degraded = duringPause.Count(a => a.Degraded is not null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paused {Pause.TotalSeconds:F0} s: {duringPause.Count} searches, failed {failed.Count}, degraded {degraded}, latency {latencies}, node timeout {cluster.Options.NodeTimeoutMs} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after SIGCONT: 12 searches in {resumedAt.Elapsed.TotalMilliseconds:F0} ms, latency {new Latencies(afterResume.Select(a => a.Elapsed))}"));

        Assert.True(failed.Count == 0, $"{failed.Count} searches failed during the pause, e.g. {failed.FirstOrDefault()}\n{cluster.Describe()}");
        Assert.True(degraded == 0, $"{degraded} searches degraded although every shard kept a live replica\n{cluster.Describe()}");

        // One timed-out round on the paused node, then the retry on the other replica: never more than that.
        var bound = 2 * cluster.Options.NodeTimeoutMs;
        Assert.True(latencies.Max < bound, $"a read took {latencies.Max:F0} ms, over {bound} ms\n{cluster.Describe()}");
        Assert.All(afterResume, a => Assert.True(a.Status == 200 && a.EstimatedTotalHits == reference.EstimatedTotalHits && a.Degraded is null, a.ToString()));
        Assert.Equal(total, await api.ListTotalAsync(Seed.Index));
    }
}
