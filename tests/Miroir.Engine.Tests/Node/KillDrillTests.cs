using System.Net;
using System.Text;
using System.Text.Json;

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
}
