using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Issues 17.2-17.4 and 12.3 with real processes (RF 3 in one group of 3, so writes keep their majority with one node
/// down): a returning node never serves a copy it owes while a clean copy is live, is repaired from whichever replica
/// holds the data, never ends up with an older revision than the cluster acknowledged, and all of it survives an
/// orchestrator restart. "Stale" = a GET answered an older revision than the last acknowledged one.
/// </summary>
public sealed class RecoveryDrill(ITestOutputHelper output)
{
    private const int Documents = 1000;
    private const string Index = "revs";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static DrillOptions Options => new() { ReplicationFactor = 3, Shards = 8, HealthIntervalMs = 200 };

    /// <summary>Seeds rev 0, kills node-2 (marked failed: it owes every copy), writes rev 1 of every document.</summary>
    private static async Task<Revisions> NodeTwoMissesRevisionOneAsync(DrillCluster cluster)
    {
        var docs = new Revisions(cluster, Index, Documents);
        await docs.SeedAsync();
        cluster.Nodes[1].Kill();
        await docs.WaitStatusAsync("node-2", "failed", Timeout);
        Assert.Equal(Documents, await docs.WriteAsync(1, Enumerable.Range(0, Documents)));
        return docs;
    }

    /// <summary>Checks every acknowledged id again and again until <paramref name="done"/> (and once after).</summary>
    private static async Task<ReadCheck> ReadUntilAsync(Revisions docs, Func<Task<bool>> done)
    {
        var total = ReadCheck.None;
        var last = false;
        while (!last)
        {
            last = await done();
            total = total.Plus(await docs.CheckReadsAsync());
        }

        return total;
    }

    [Fact]
    public async Task Returning_node_with_another_replica_down_serves_no_stale_read_and_is_repaired_from_the_live_one()
    {
        await using var cluster = await DrillCluster.StartAsync(Options);
        var docs = await NodeTwoMissesRevisionOneAsync(cluster);
        cluster.Nodes[2].Kill();
        await docs.WaitStatusAsync("node-3", "failed", Timeout);

        await cluster.Nodes[1].RestartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var whileRepairing = await ReadUntilAsync(docs, async () => await docs.OwedAsync("node-2") == 0);
        var repaired = clock.Elapsed;

        // Node-2 alone must now hold every acknowledged revision: node-1 goes too.
        cluster.Nodes[0].Kill();
        await docs.WaitStatusAsync("node-1", "failed", Timeout);
        var nodeTwoAlone = await docs.CheckReadsAsync();
        output.WriteLine($"17.2: while node-2 was repaired ({repaired.TotalSeconds:F1} s): {whileRepairing}; node-2 alone: {nodeTwoAlone}");
        Assert.True(whileRepairing.Stale == 0 && whileRepairing.Missing == 0, whileRepairing.ToString());
        Assert.True(nodeTwoAlone.Stale == 0 && nodeTwoAlone.Missing == 0, nodeTwoAlone + "\n" + cluster.Describe());
    }

    [Fact]
    public async Task Node_restarted_while_newer_revisions_are_written_keeps_no_older_revision()
    {
        await using var cluster = await DrillCluster.StartAsync(Options);
        var docs = await NodeTwoMissesRevisionOneAsync(cluster);

        // Rev 2 is written (and rewritten) while node-2 restarts and is repaired, and once more after.
        var paid = false;
        var writer = Task.Run(async () =>
        {
            var passes = 0;
            for (var after = 0; after < 1; after += paid ? 1 : 0)
            {
                await docs.WriteAsync(2, Enumerable.Range(0, Documents), batchSize: 100);
                passes++;
            }

            return passes;
        });
        await cluster.Nodes[1].RestartAsync();
        var repaired = await docs.WaitPaidAsync("node-2", Timeout);
        paid = true;
        var passes = await writer;

        var older = new int[3];
        for (var n = 0; n < 3; n++)
        {
            var copies = await docs.OnNodeAsync(cluster.Nodes[n]);
            older[n] = docs.Acknowledged.Count(a => !copies.TryGetValue(a.Key, out var rev) || rev < a.Value);
        }

        var (divergent, skipped) = await docs.VerifyAsync();
        var reads = await docs.CheckReadsAsync();
        output.WriteLine($"17.3: {passes} rev-2 passes, node-2 paid {repaired.TotalSeconds:F1} s after its restart; older or missing copies per node {string.Join('/', older)}; verify {divergent} divergent, {skipped} skipped; reads {reads}");
        Assert.Equal([0, 0, 0], older);
        Assert.Equal((0, 0), (divergent, skipped));
        Assert.True(reads.Stale == 0 && reads.Missing == 0, reads.ToString());
    }

    [Fact]
    public async Task Orchestrator_restart_while_a_node_owes_copies_keeps_reads_clean_and_resumes_the_repair()
    {
        await using var cluster = await DrillCluster.StartAsync(Options);
        var docs = await NodeTwoMissesRevisionOneAsync(cluster);
        cluster.Orchestrator.Kill();
        await cluster.Orchestrator.RestartAsync();
        var owedAfterRestart = await docs.OwedAsync("node-2");
        Assert.True(owedAfterRestart > 0, "the hints did not survive the orchestrator restart");
        await docs.WaitStatusAsync("node-2", "failed", Timeout);

        await cluster.Nodes[1].RestartAsync();
        var whileRepairing = await ReadUntilAsync(docs, async () => await docs.OwedAsync("node-2") == 0);
        var count = await cluster.Api.CountAsync(Index);

        // Issue 12's RF 3 sequence ends with node-2 answering alone: every acknowledged id, stats right.
        cluster.Nodes[0].Kill();
        cluster.Nodes[2].Kill();
        await docs.WaitStatusAsync("node-1", "failed", Timeout);
        await docs.WaitStatusAsync("node-3", "failed", Timeout);
        var nodeTwoAlone = await docs.CheckReadsAsync();
        var countAlone = await cluster.Api.CountAsync(Index);
        output.WriteLine($"17.4/12.3: node-2 owed {owedAfterRestart} copies after the orchestrator restart; while repaired: {whileRepairing}; stats {count}; node-2 alone: {nodeTwoAlone}, stats {countAlone}");
        Assert.True(whileRepairing.Stale == 0 && whileRepairing.Missing == 0, whileRepairing.ToString());
        Assert.True(nodeTwoAlone.Stale == 0 && nodeTwoAlone.Missing == 0, nodeTwoAlone + "\n" + cluster.Describe());
        Assert.Equal((Documents, Documents), (count, countAlone));
    }

    [Fact]
    public async Task Owing_node_that_is_the_only_live_copy_serves_every_acknowledged_id_degraded()
    {
        await using var cluster = await DrillCluster.StartAsync(Options);
        var docs = await NodeTwoMissesRevisionOneAsync(cluster);
        cluster.Nodes[0].Kill();
        cluster.Nodes[2].Kill();
        await docs.WaitStatusAsync("node-1", "failed", Timeout);
        await docs.WaitStatusAsync("node-3", "failed", Timeout);

        // Node-2 owes every copy and is the only live one: it answers (old revisions, marked degraded), nothing is missing.
        await cluster.Nodes[1].RestartAsync();
        await docs.WaitStatusAsync("node-2", "healthy", Timeout);
        var onlyCopy = await docs.CheckReadsAsync();
        var count = await cluster.Api.CountAsync(Index);
        Assert.True(await docs.OwedAsync("node-2") > 0, "node-2 was repaired with no clean source");

        // A clean copy returns: reads go back to it at once, and node-2 is repaired from it.
        await cluster.Nodes[0].RestartAsync();
        await docs.WaitStatusAsync("node-1", "healthy", Timeout);
        var whileRepairing = await ReadUntilAsync(docs, async () => await docs.OwedAsync("node-2") == 0);
        output.WriteLine($"only live copy owing: {onlyCopy}, stats {count}; after node-1 returned: {whileRepairing}");
        Assert.True(onlyCopy.Missing == 0 && onlyCopy.Degraded == onlyCopy.Reads, onlyCopy.ToString());
        Assert.Equal(Documents, count);
        Assert.True(whileRepairing.Stale == 0 && whileRepairing.Missing == 0, whileRepairing.ToString());
    }
}
