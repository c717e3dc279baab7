using System.Net;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Node;

namespace Miroir.Proxy.Tests.Server;

/// <summary>
/// SIGKILL a real orchestrator (<c>miroir serve</c>) while it takes writes, with snapshots every few KiB of
/// state log, then restart it on the same state folder: every acknowledged task and the index metadata survive.
/// </summary>
public sealed class StateKillDrillTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-statedrill-" + Guid.NewGuid().ToString("N"));
    private readonly List<NodeServer> _nodes = [];

    [Fact]
    public async Task KillDrill_SigkillDuringWritesAcrossSnapshots_EveryAcknowledgedTaskSurvives()
    {
        for (var i = 0; i < 2; i++)
        {
            _nodes.Add(await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = Path.Combine(_directory, $"node-{i + 1}") }));
        }

        var state = Path.Combine(_directory, "state");
        var config = Path.Combine(_directory, "miroir.yaml");
        await File.WriteAllTextAsync(config, $"""
            shards: 4
            replication_factor: 2
            nodes:
              - {"{"} id: node-1, address: "{_nodes[0].Url}" {"}"}
              - {"{"} id: node-2, address: "{_nodes[1].Url}" {"}"}
            state:
              path: "{state}"
              snapshot_after_bytes: 8192
            server:
              bind: 127.0.0.1
              port: {OrchestratorProcess.FreePort()}
            """);

        var acknowledged = new List<long>();
        using (var first = await OrchestratorProcess.StartAsync(config))
        {
            using var client = new HttpClient { BaseAddress = new Uri(first.Url) };
            acknowledged.Add(await WriteAsync(client, "/indexes", "{\"uid\":\"drill\",\"primaryKey\":\"id\"}"));
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
            {
                var mine = new List<long>();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        mine.Add(await WriteAsync(client, "/indexes/drill/documents", $"[{{\"id\":{(w * 100_000) + i}}}]"));
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException)
                    {
                        break; // the process is gone: this write was never acknowledged
                    }
                }

                return mine;
            })).ToArray();

            // Kill once a snapshot compacted the log, a little later so more snapshots and writes are in flight.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (File.Exists(Path.Combine(state, "00000000000000000001.log")) || Directory.GetFiles(state, "*.snap").Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "no snapshot compacted the state log");
                await Task.Delay(10);
            }

            await Task.Delay(500);
            first.Kill();
            stop.Cancel();
            foreach (var mine in await Task.WhenAll(writers))
            {
                acknowledged.AddRange(mine);
            }
        }

        using var second = await OrchestratorProcess.StartAsync(config);
        using var http = new HttpClient { BaseAddress = new Uri(second.Url) };
        foreach (var uid in acknowledged)
        {
            var response = await http.GetAsync($"/tasks/{uid}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged task {uid} is gone after the restart");
        }

        // The index metadata (primary key) survived: a write without ?primaryKey routes.
        var after = await WriteAsync(http, "/indexes/drill/documents", "[{\"id\":-1}]");
        Assert.True(after > acknowledged.Max());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<long> WriteAsync(HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path} answered {(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.GetProperty("taskUid").GetInt64();
    }
}
