using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Drills.Tests.Harness;
using Xunit.Abstractions;

namespace Miroir.Drills.Tests.Drills;

/// <summary>
/// Issue 12 "no untracked write, ever": the orchestrator is SIGKILLed at spread-out moments inside document
/// batches (before its intent is durable, mid fan-out, before the answer). A cut batch is never re-sent, so every
/// document visible afterwards must belong to a task that exists and is terminal, every task ends terminal, and the
/// replicas are identical within 60 s of the last restart. Points: <c>MIROIR_DRILL_CRASH_POINTS</c> (default 2).
/// </summary>
public sealed class OrchestratorCrashPointsDrill(ITestOutputHelper output)
{
    private const string Index = "packages";
    private const int BaseBatch = 200;
    private const int WarmBatch = 50;

    [Fact]
    public async Task Sigkill_inside_batches_leaves_no_untracked_document_and_converges()
    {
        var points = int.TryParse(Environment.GetEnvironmentVariable("MIROIR_DRILL_CRASH_POINTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2;
        // Batch p holds BaseBatch + p documents: its task is recognisable by details.receivedDocuments. Two more
        // batches of their own sizes: one timed before the kills, one that warms each restarted process up.
        var sizes = Enumerable.Range(0, points).Select(p => BaseBatch + p).Append(BaseBatch - 1).Append(WarmBatch).ToArray();
        var dataset = Dataset.Packages(sizes.Sum());
        var batchOf = new Dictionary<long, int>();
        var bodies = new List<byte[]>();
        var start = 0;
        for (var p = 0; p < sizes.Length; p++)
        {
            var slice = dataset.Documents.Skip(start).Take(sizes[p]).ToList();
            start += sizes[p];
            slice.ForEach(d => batchOf[d.Id] = p);
            bodies.Add(Encoding.UTF8.GetBytes(string.Join('\n', slice.Select(d => d.Line)) + "\n"));
        }

        await using var cluster = await DrillCluster.StartAsync(new DrillOptions { ReplicationFactor = 2 });
        var api = cluster.Api;
        await api.CreateIndexAsync(Index, "id");
        using var http = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        await SendAsync(http, bodies[^1]);
        var timing = Stopwatch.StartNew();
        await SendAsync(http, bodies[^2]);
        var request = timing.Elapsed; // a warm request of this size, start to 202: the kills spread over it
        var answered = 0;
        var restarts = new List<TimeSpan>();
        for (var p = 0; p < points; p++)
        {
            var send = SendAsync(http, bodies[p]);
            await Task.Delay(request * 1.2 * (p + 0.5) / points);
            cluster.Orchestrator.Kill();
            try
            {
                await send;
                answered++;
            }
            catch (HttpRequestException)
            {
                // cut: the client never learns whether it was taken, and does not retry
            }

            var down = Stopwatch.StartNew();
            await cluster.Orchestrator.RestartAsync();
            restarts.Add(down.Elapsed);
            await SendAsync(http, bodies[^1]);
        }

        var sinceLastRestart = Stopwatch.StartNew();
        var tasks = await TerminalTasksAsync(http, TimeSpan.FromSeconds(60));
        var visible = await VisibleIdsAsync(http);
        var untracked = visible.Select(id => batchOf[id]).Distinct()
            .Where(p => !tasks.Any(t => t.Received == sizes[p])).ToList();
        var (clean, _, mismatches) = await Verify.UntilCleanAsync(api.Url, TimeSpan.FromSeconds(60) - sinceLastRestart.Elapsed);
        var converged = sinceLastRestart.Elapsed;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{points} kills over the {request.TotalMilliseconds:F0} ms of a batch; answered before the kill {answered}; orchestrator back in {restarts.Min(r => r.TotalMilliseconds):F0}-{restarts.Max(r => r.TotalMilliseconds):F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tasks {tasks.Count}: {string.Join(",", tasks.GroupBy(t => t.Status + (t.Code is null ? "" : "/" + t.Code)).Select(g => $"{g.Key}x{g.Count()}"))}; visible documents {visible.Count} from {visible.Select(id => batchOf[id]).Distinct().Count()} batches; untracked batches {untracked.Count}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replicas identical {clean} ({mismatches} divergent shards) {converged.TotalSeconds:F1} s after the last restart"));

        Assert.All(tasks, t => Assert.True(MiroirApi.IsTerminal(t.Status), $"task {t.Uid} is {t.Status}"));
        Assert.True(untracked.Count == 0, $"documents of batches {string.Join(",", untracked)} are visible without a task\n{cluster.Describe()}");
        Assert.True(clean, $"{mismatches} shards still divergent 60 s after the last restart\n{cluster.Describe()}");
    }

    private static async Task SendAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync($"/indexes/{Index}/documents", content);
        response.EnsureSuccessStatusCode();
    }

    private sealed record TaskRow(long Uid, string Status, long Received, string? Code);

    /// <summary>Every document task once none is enqueued or processing (or the timeout passed).</summary>
    private static async Task<List<TaskRow>> TerminalTasksAsync(HttpClient http, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = await http.GetStringAsync("/tasks?types=documentAdditionOrUpdate&limit=1000");
            using var doc = JsonDocument.Parse(body);
            var rows = doc.RootElement.GetProperty("results").EnumerateArray().Select(t => new TaskRow(
                t.GetProperty("uid").GetInt64(),
                t.GetProperty("status").GetString()!,
                t.GetProperty("details").TryGetProperty("receivedDocuments", out var r) ? r.GetInt64() : -1,
                t.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetString() : null)).ToList();
            if (rows.All(t => MiroirApi.IsTerminal(t.Status)) || clock.Elapsed > timeout)
            {
                return rows;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<List<long>> VisibleIdsAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/indexes/{Index}/documents?limit=100000&fields=id"));
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(d => d.GetProperty("id").GetInt64())];
    }
}
