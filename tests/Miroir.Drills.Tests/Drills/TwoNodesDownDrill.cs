using System.Globalization;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Spec 05 "kill 2 of 3 nodes (RF=2)": some shards then have no replica left. Reads must say so promptly, as the
/// configured policy asks (partial answer + <c>X-Miroir-Degraded</c>, or 503 <c>miroir_shard_unavailable</c>), and
/// never hang.
/// </summary>
public sealed class TwoNodesDownDrill(ITestOutputHelper output)
{
    private const int Documents = 2000;
    private const int Searches = 30;
    private const string Query = "library";

    [Theory]
    [InlineData("partial")]
    [InlineData("error")]
    public async Task Reads_answer_per_policy_within_the_node_timeout_when_two_of_three_nodes_are_killed(string policy)
    {
        await using var cluster = await DrillCluster.StartAsync(new DrillOptions { UnavailableShardPolicy = policy });
        await Seed.PackagesAsync(cluster, Documents);
        var whole = await cluster.Api.SearchAsync(Seed.Index, Query);
        Assert.True(whole.Status == 200 && whole.Degraded is null, whole.ToString());
        cluster.Nodes[1].Kill();
        cluster.Nodes[2].Kill();

        var answers = new List<SearchAnswer>();
        for (var i = 0; i < Searches; i++)
        {
            answers.Add(await cluster.Api.SearchAsync(Seed.Index, Query));
        }

        var latencies = new Latencies(answers.Select(a => a.Elapsed));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"policy {policy}: {answers.Count} searches, statuses {string.Join(",", answers.GroupBy(a => a.Status).Select(g => $"{g.Key}x{g.Count()}"))}, latency {latencies}, node timeout {cluster.Options.NodeTimeoutMs} ms"));
        output.WriteLine("first answer: " + answers[0]);

        foreach (var answer in answers)
        {
            if (policy == "partial")
            {
                Assert.True(answer.Status == 200 && answer.Degraded is not null && answer.Degraded.StartsWith("shards=", StringComparison.Ordinal),
                    $"expected a partial answer with X-Miroir-Degraded: {answer}\n{cluster.Describe()}");
            }
            else
            {
                Assert.True(answer.Status == 503 && answer.Code == "miroir_shard_unavailable",
                    $"expected 503 miroir_shard_unavailable: {answer}\n{cluster.Describe()}");
            }

            // Killed nodes refuse connections at once; the node timeout is the most a read may wait.
            Assert.True(answer.Elapsed.TotalMilliseconds < cluster.Options.NodeTimeoutMs, $"read took longer than the node timeout: {answer}");
        }

        if (policy == "partial")
        {
            // The surviving node's shards are answered: some hits, fewer than with every node up.
            Assert.All(answers, a => Assert.InRange(a.EstimatedTotalHits, 1, whole.EstimatedTotalHits - 1));
        }
    }
}
