using System.Net;
using System.Text;
using System.Text.Json;
using Miroir.Tests.Shared;

namespace Miroir.Engine.Tests.Node;

public sealed class KillDrillTests
{
    [Fact]
    public async Task KillDrill_Sigkill_EveryAcknowledgedWriteSurvives()
    {
        var dir = Path.Combine(Path.GetTempPath(), "miroir-kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = new List<long>();
            var ids = new List<int>();
            using (var node = await MiroirProcess.StartAsync(dir))
            {
                using var client = new HttpClient { BaseAddress = new Uri(node.Url) };
                for (var batch = 0; batch < 20; batch++)
                {
                    var docs = Enumerable.Range(batch * 50, 50).ToList();
                    var body = "[" + string.Join(",", docs.Select(i => $$"""{"id":{{i}},"text":"doc {{i}}"}""")) + "]";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    var response = await client.PostAsync("/indexes/drill/documents", content);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    acknowledged.Add(answer.RootElement.GetProperty("taskUid").GetInt64());
                    ids.AddRange(docs);
                }
                // No waiting for the tasks: kill while most of them are still enqueued or running.
                node.Kill();
            }

            using var restarted = await MiroirProcess.StartAsync(dir);
            using var http = new HttpClient { BaseAddress = new Uri(restarted.Url) };
            foreach (var uid in acknowledged)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (true)
                {
                    using var task = JsonDocument.Parse(await http.GetStringAsync($"/tasks/{uid}"));
                    var status = task.RootElement.GetProperty("status").GetString();
                    if (status == "succeeded")
                    {
                        break;
                    }
                    Assert.True(status is "enqueued" or "processing", $"task {uid} is {status}");
                    Assert.True(DateTime.UtcNow < deadline, $"task {uid} never finished");
                    await Task.Delay(20);
                }
            }
            using var stats = JsonDocument.Parse(await http.GetStringAsync("/indexes/drill/stats"));
            Assert.Equal(ids.Count, stats.RootElement.GetProperty("numberOfDocuments").GetInt32());
            foreach (var id in new[] { ids[0], ids[^1], ids[ids.Count / 2] })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/indexes/drill/documents/{id}")).StatusCode);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task KillDrill_SigkillDuringAndAfterSnapshots_EveryAcknowledgedDocumentSurvives()
    {
        var dir = Path.Combine(Path.GetTempPath(), "miroir-kill-" + Guid.NewGuid().ToString("N"));
        // A snapshot after every task: the kill lands while one is written (or between two).
        string[] options = ["--snapshot-threshold", "1"];
        try
        {
            var lines = TestData.DebianLines(1500).ToList();
            var acknowledged = new List<long>();
            using (var node = await MiroirProcess.StartAsync(dir, options: options))
            {
                using var client = new HttpClient { BaseAddress = new Uri(node.Url) };
                for (var batch = 0; batch < 15; batch++)
                {
                    using var content = new StringContent(string.Join("\n", lines.Skip(batch * 100).Take(100)), Encoding.UTF8, "application/x-ndjson");
                    var response = await client.PostAsync("/indexes/debian/documents?primaryKey=id", content);
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    acknowledged.Add(answer.RootElement.GetProperty("taskUid").GetInt64());
                }
                // Some snapshots are complete and later tasks (each followed by a snapshot) still run.
                await WaitSucceededAsync(client, acknowledged[4]);
                node.Kill();
            }

            using (var restarted = await MiroirProcess.StartAsync(dir, options: options))
            {
                using var http = new HttpClient { BaseAddress = new Uri(restarted.Url) };
                foreach (var uid in acknowledged)
                {
                    await WaitSucceededAsync(http, uid);
                }
                await AssertAllSearchableAsync(http, lines.Count);
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "log"), "*.snap"));
                // Idle now: the node snapshots what the replay rebuilt; kill it again around that.
                restarted.Kill();
            }

            using var again = await MiroirProcess.StartAsync(dir, options: options);
            using var check = new HttpClient { BaseAddress = new Uri(again.Url) };
            await AssertAllSearchableAsync(check, lines.Count);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task WaitSucceededAsync(HttpClient http, long uid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var task = JsonDocument.Parse(await http.GetStringAsync($"/tasks/{uid}"));
            var status = task.RootElement.GetProperty("status").GetString();
            if (status == "succeeded")
            {
                return;
            }
            Assert.True(status is "enqueued" or "processing", $"task {uid} is {status}");
            Assert.True(DateTime.UtcNow < deadline, $"task {uid} never finished");
            await Task.Delay(20);
        }
    }

    /// <summary>Every document counted and listed, and a word query finds some.</summary>
    private static async Task AssertAllSearchableAsync(HttpClient http, int expected)
    {
        using var stats = JsonDocument.Parse(await http.GetStringAsync("/indexes/debian/stats"));
        Assert.Equal(expected, stats.RootElement.GetProperty("numberOfDocuments").GetInt32());
        using var all = JsonDocument.Parse(await http.GetStringAsync("/indexes/debian/documents?limit=1"));
        Assert.Equal(expected, all.RootElement.GetProperty("total").GetInt32());
        using var word = new StringContent("""{"q":"library","limit":1}""", Encoding.UTF8, "application/json");
        using var hits = JsonDocument.Parse(await (await http.PostAsync("/indexes/debian/search", word)).Content.ReadAsStringAsync());
        Assert.True(hits.RootElement.GetProperty("estimatedTotalHits").GetInt32() > 0);
    }
}
