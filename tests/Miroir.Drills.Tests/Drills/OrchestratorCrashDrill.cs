using System.Diagnostics;
using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Spec 05 "kill -9 the orchestrator mid-ingest, restart": the orchestrator's task log is its only memory of the
/// node tasks behind each Miroir task. Every task it acknowledged must still be known after the restart, end in a
/// terminal state, and every document of a succeeded task must be there.
/// </summary>
public sealed class OrchestratorCrashDrill(ITestOutputHelper output)
{
    private const string Index = "packages";
    private const int Documents = 5000;
    private const int BatchSize = 250;
    private const int Clients = 2;
    private static readonly int[] KillAfterAcks = [6, 14];

    [Fact]
    public async Task Acknowledged_tasks_survive_a_sigkill_of_the_orchestrator_and_end_terminal()
    {
        var dataset = Dataset.Packages(Documents);
        output.WriteLine("corpus: " + dataset.Source);
        var batches = dataset.Batches(BatchSize);
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions());
        var api = cluster.Api;
        await api.CreateIndexAsync(Index, "id");
        var writes = new AckedWrites();
        var unanswered = 0;

        // Two clients, so a kill is likely to land while one request is between its log append and its answer.
        var ingest = Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = client; i < batches.Count; i += Clients)
            {
                // A client retries what got no answer; the orchestrator may be down for a moment.
                while (!await writes.SendAsync(api, Index, batches[i]))
                {
                    Assert.True(Interlocked.Increment(ref unanswered) < 2000, "the orchestrator never came back\n" + cluster.Describe());
                    await Task.Delay(50);
                }
            }
        })));

        var kills = new List<string>();
        var restarts = new List<TimeSpan>();
        foreach (var after in KillAfterAcks)
        {
            while (writes.Acknowledged.Count < after && !ingest.IsCompleted)
            {
                await Task.Delay(5);
            }

            var pending = await api.PendingTaskCountAsync();
            cluster.Orchestrator.Kill();
            kills.Add(string.Create(CultureInfo.InvariantCulture, $"after {writes.Acknowledged.Count} acks with {pending} pending"));
            var down = Stopwatch.StartNew();
            await cluster.Orchestrator.RestartAsync();
            restarts.Add(down.Elapsed);
        }

        await ingest;

        var uids = writes.Acknowledged.Select(a => a.TaskUid).ToList();
        Assert.True(uids.Distinct().Count() == uids.Count, "a task uid was handed out twice: " +
            string.Join(",", uids.GroupBy(u => u).Where(g => g.Count() > 1).Select(g => g.Key)));
        var unknown = new List<long>();
        foreach (var uid in uids)
        {
            if (await api.TaskStatusAsync(uid) is null)
            {
                unknown.Add(uid);
            }
        }

        var (statuses, elapsed) = await writes.WaitAllAsync(api, TimeSpan.FromSeconds(60));
        var missing = await writes.MissingAsync(api, Index, statuses, dataset);
        var expected = writes.SucceededDocuments(statuses);
        var count = await api.CountAsync(Index);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged tasks {uids.Count}; kills {string.Join("; ", kills)}; retries while down {unanswered}; orchestrator back in {string.Join(", ", restarts.Select(r => $"{r.TotalMilliseconds:F0} ms"))}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unknown after restart {unknown.Count}, statuses {string.Join(",", statuses.GroupBy(s => s.Value).Select(g => $"{g.Key}x{g.Count()}"))}, every task terminal {elapsed.TotalSeconds:F1} s after the ingest ended"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"documents of succeeded tasks {expected}, missing or altered {missing.Count}, count {count}"));

        Assert.True(unknown.Count == 0, $"acknowledged tasks unknown after the restart: {string.Join(",", unknown)}\n{cluster.Describe()}");
        var notTerminal = statuses.Where(s => !MiroirApi.IsTerminal(s.Value)).ToList();
        Assert.True(notTerminal.Count == 0, $"tasks never terminal: {string.Join(",", notTerminal.Select(s => $"{s.Key}={s.Value}"))}\n{cluster.Describe()}");
        Assert.True(statuses.Values.All(s => s == "succeeded"), $"tasks not succeeded: {string.Join(",", statuses.Where(s => s.Value != "succeeded"))}\n{cluster.Describe()}");
        Assert.True(missing.Count == 0, $"{missing.Count} documents of succeeded tasks missing or altered, e.g. {string.Join(",", missing.Take(20))}\n{cluster.Describe()}");
        Assert.Equal(Documents, expected);
        Assert.Equal(expected, count);
    }
}
