using System.Diagnostics;
using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Issue 17.1 "a task finishes when its quorum has": a large batch is acknowledged, one of its nodes is SIGKILLed
/// 50 ms later and stays down. The task must end succeeded (the other replicas finished) without waiting for the
/// node's restart; the node's copy becomes its repair debt.
/// </summary>
public sealed class TaskQuorumDrill(ITestOutputHelper output)
{
    private const string Index = "packages";
    private const int Documents = 5000;

    [Fact]
    public async Task Node_killed_after_acknowledgment_task_ends_succeeded_without_it()
    {
        var dataset = Dataset.Packages(Documents);
        var batch = dataset.Batches(Documents)[0];
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions { ReplicationFactor = 2 });
        var api = cluster.Api;
        await api.CreateIndexAsync(Index, "id");

        var answer = await api.AddDocumentsAsync(Index, batch.Body);
        Assert.True(answer.TaskUid is not null, $"not acknowledged: {answer.Status} {answer.Body}");
        await Task.Delay(50);
        var hintsBefore = StateLogScan.Count(cluster.StatePath, "hint");
        cluster.Nodes[2].Kill();
        var clock = Stopwatch.StartNew();
        var status = await api.WaitTaskAsync(answer.TaskUid!.Value, TimeSpan.FromSeconds(30));
        var ended = clock.Elapsed;
        var hints = StateLogScan.Count(cluster.StatePath, "hint") - hintsBefore;
        var lost = 0;
        await Parallel.ForEachAsync(batch.Ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var (code, body) = await api.GetDocumentAsync(Index, id);
            if (code != 200 || !dataset.Matches(id, body))
            {
                Interlocked.Increment(ref lost);
            }
        });

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Documents}-document task {status} {ended.TotalSeconds:F1} s after the kill with the node still down; hint records added {hints}; lost {lost}"));
        Assert.Equal("succeeded", status);
        Assert.False(cluster.Nodes[2].IsRunning);
        Assert.Equal(0, lost);
    }
}
