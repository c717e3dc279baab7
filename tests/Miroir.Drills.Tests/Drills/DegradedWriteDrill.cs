using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Issue 12 "writes that survive what RAID survives": RF 2, one group, a node SIGKILLed mid-ingest and back after a
/// pause. With <c>write_quorum: one</c> (the RF 2 default) every batch is acknowledged while the node is down, each
/// missed copy is a durable repair hint, no acknowledged document is lost, and the replicas end identical.
/// </summary>
public sealed class DegradedWriteDrill(ITestOutputHelper output)
{
    private const string Index = "packages";
    private const int Documents = 3000;
    private const int BatchSize = 100;
    private const int KillAfterBatch = 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Rf2_node_sigkill_mid_ingest_every_batch_acknowledged_nothing_lost()
    {
        var dataset = Dataset.Packages(Documents);
        var batches = dataset.Batches(BatchSize);
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions { ReplicationFactor = 2 });
        var api = cluster.Api;
        await api.CreateIndexAsync(Index, "id");
        using var http = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(60) };
        var acked = new List<(long TaskUid, long[] Ids)>();
        var refusals = 0;
        var degraded = 0;
        var hintsWhileDown = 0;
        var victim = cluster.Nodes[1];
        var killedAt = TimeSpan.Zero;
        var restart = Task.CompletedTask;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < batches.Count; i++)
        {
            if (i == KillAfterBatch)
            {
                victim.Kill();
                killedAt = clock.Elapsed;
            }

            if (i == KillAfterBatch + batches.Count / 3 && !victim.IsRunning)
            {
                hintsWhileDown = StateLogScan.Count(cluster.StatePath, "hint");
                var wait = Outage - (clock.Elapsed - killedAt);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                restart = victim.RestartAsync(); // back while the ingest goes on
            }

            // A client retries a refused batch; with write_quorum one it should never have to.
            while (true)
            {
                using var content = new ByteArrayContent(batches[i].Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync($"/indexes/{Index}/documents", content);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    degraded += response.Headers.Contains("X-Miroir-Degraded") ? 1 : 0;
                    using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    acked.Add((doc.RootElement.GetProperty("taskUid").GetInt64(), batches[i].Ids));
                    break;
                }

                Assert.True(++refusals < 100, $"batch {i} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{cluster.Describe()}");
                await Task.Delay(100);
            }
        }

        var ingest = clock.Elapsed;
        await restart;
        var statuses = new Dictionary<long, string>();
        var terminal = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (uid, _) in acked)
        {
            statuses[uid] = await api.WaitTaskAsync(uid, TimeSpan.FromSeconds(60));
        }

        var terminalAfter = terminal.Elapsed;
        var lost = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(acked.Where(a => statuses[a.TaskUid] == "succeeded").SelectMany(a => a.Ids), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var (status, body) = await api.GetDocumentAsync(Index, id);
            if (status != 200 || !dataset.Matches(id, body))
            {
                lost.Add(id);
            }
        });

        // The safety net converges what the node missed (the recovery repair does it first when it lands).
        var (runStatus, runBody) = await cluster.Admin.RunAntiEntropyAsync();
        Assert.True(runStatus == 200, $"anti-entropy run: {runStatus} {runBody}");
        var (clean, convergeTime, mismatches) = await Verify.UntilCleanAsync(api.Url, TimeSpan.FromSeconds(30));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batches {batches.Count}, acknowledged {acked.Count}, refusals {refusals}, degraded answers {degraded}, hint records while down {hintsWhileDown}, lost {lost.Count}, ingest {ingest.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"statuses {string.Join(",", statuses.GroupBy(s => s.Value).Select(g => $"{g.Key}x{g.Count()}"))}, every task terminal {terminalAfter.TotalSeconds:F1} s after the ingest, replicas identical: {clean} ({mismatches} divergent shards, {convergeTime.TotalSeconds:F1} s)"));

        Assert.Equal(batches.Count, acked.Count);
        Assert.True(refusals == 0, $"{refusals} batches refused while a node was down");
        Assert.True(degraded > 0 && hintsWhileDown > 0, $"degraded answers {degraded}, hints {hintsWhileDown}");
        Assert.True(statuses.Values.All(s => s == "succeeded"), string.Join(",", statuses.Where(s => s.Value != "succeeded")));
        Assert.True(lost.IsEmpty, $"{lost.Count} acknowledged documents lost, e.g. {string.Join(",", lost.Take(20))}\n{cluster.Describe()}");
        Assert.Equal(Documents, await api.CountAsync(Index));
        Assert.True(clean, $"{mismatches} shards still divergent\n{cluster.Describe()}");
    }
}
