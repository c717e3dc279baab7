using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Spec 05 "kill 1 of 3 nodes (RF=2) during an ingest": SIGKILL a node in the middle of many batches while
/// searches run, restart it on its data folder, re-send what was refused. Nothing acknowledged may be lost and
/// no search may fail.
/// </summary>
public sealed class NodeKillDuringIngestDrill(ITestOutputHelper output)
{
    private const string Index = "packages";
    private const int Documents = 6000;
    private const int BatchSize = 100;
    private const int KillAfterBatch = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Sigkill_one_of_three_nodes_during_ingest_loses_no_acknowledged_document(int replicationFactor)
    {
        var dataset = Dataset.Packages(Documents);
        output.WriteLine("corpus: " + dataset.Source);
        var batches = dataset.Batches(BatchSize);
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions { ReplicationFactor = replicationFactor });
        var api = cluster.Api;
        await api.CreateIndexAsync(Index, "id");
        var writes = new AckedWrites();
        var victim = cluster.Nodes[1];
        var refusals = 0;

        IReadOnlyList<SearchAnswer> duringDrill;
        TimeSpan restart;
        await using (var searches = SearchLoad.Start(api, Index))
        {
            var ingest = Task.Run(async () =>
            {
                foreach (var batch in batches)
                {
                    // Like a client with back-off: a refused batch is sent again until acknowledged.
                    while (!await writes.SendAsync(api, Index, batch))
                    {
                        Assert.True(++refusals < 1000, $"a batch was refused {refusals} times\n{cluster.Describe()}");
                        await Task.Delay(100);
                    }
                }
            });

            // The kill lands while a batch is in flight; the node stays down as long as an operator's restart takes.
            while (writes.Acknowledged.Count < KillAfterBatch && !ingest.IsCompleted)
            {
                await Task.Delay(5);
            }

            victim.Kill();
            await Task.Delay(Outage);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await victim.RestartAsync();
            restart = clock.Elapsed;
            await ingest;
            duringDrill = await searches.StopAsync();
        }

        var (statuses, elapsed) = await writes.WaitAllAsync(api, TimeSpan.FromSeconds(90));
        var notSucceeded = statuses.Where(s => s.Value != "succeeded").ToList();
        Assert.True(notSucceeded.Count == 0,
            $"tasks not succeeded: {string.Join(", ", notSucceeded.Select(s => $"{s.Key}={s.Value}"))}\n{cluster.Describe()}");
        // Repair (spec §3.6): replicas that missed acknowledged writes while they were down get them back.
        var (repairStatus, repairBody) = await cluster.Admin.RunAntiEntropyAsync();
        Assert.True(repairStatus == 200, $"anti-entropy run: {repairStatus} {repairBody}");
        var repaired = RepairedDocuments(repairBody);
        var missing = await writes.MissingAsync(api, Index, statuses, dataset);
        var expected = writes.SucceededDocuments(statuses);
        var count = await api.CountAsync(Index);

        // With the killed node back, every rotation of the covering set must count every document exactly once
        // and a search must find the same hits whichever replicas answer.
        var totals = new List<long>();
        var afterRestart = new List<SearchAnswer>();
        for (var i = 0; i < 12; i++)
        {
            totals.Add(await api.ListTotalAsync(Index));
            afterRestart.Add(await api.SearchAsync(Index, "python"));
        }

        output.WriteLine("list totals after restart: " + string.Join(",", totals) + "; python hits: " + string.Join(",", afterRestart.Select(a => a.EstimatedTotalHits)));
        var failed = duringDrill.Where(a => a.Status != 200).ToList();
        var latencies = new Latencies(duringDrill.Select(a => a.Elapsed));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged batches {writes.Acknowledged.Count}, documents {expected}, refusals while the node was down {refusals}, missing or altered {missing.Count}, count {count}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"searches during the drill {duringDrill.Count}, failed {failed.Count}, degraded {duringDrill.Count(a => a.Degraded is not null)}, latency {latencies}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RF {replicationFactor}: node down {Outage.TotalSeconds:F0} s + {restart.TotalSeconds:F1} s restart; every acknowledged task terminal {elapsed.TotalSeconds:F1} s after the ingest ended; anti-entropy repaired {repaired} documents"));

        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged documents missing or altered, e.g. {string.Join(",", missing.Take(20))}\n{cluster.Describe()}");
        Assert.Equal(Documents, expected);
        Assert.Equal(expected, count);
        Assert.True(failed.Count == 0, $"{failed.Count} of {duringDrill.Count} searches failed, e.g. {failed.FirstOrDefault()}\n{cluster.Describe()}");
        Assert.All(totals, total => Assert.Equal(expected, total));
        var reference = afterRestart[0];
        var wrong = afterRestart.Where(a => a.Status != 200 || a.EstimatedTotalHits != reference.EstimatedTotalHits || a.Degraded is not null).ToList();
        Assert.True(reference.EstimatedTotalHits > 0 && wrong.Count == 0, $"searches after restart: {reference}\n{string.Join("\n", wrong)}");
    }

    private static long RepairedDocuments(string passJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(passJson);
        return doc.RootElement.GetProperty("documentsRepaired").GetInt64();
    }
}
