using System.Text;
using System.Text.Json;
using Miroir.Engine.Node;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>
/// One engine node (the reference: what Meilisearch answers) beside a sharded cluster of engine nodes behind the
/// orchestrator, both over real HTTP. Every write goes to both (the cluster's THROUGH the orchestrator); every read
/// is asked of both and the answers compared field by field.
/// </summary>
internal sealed class ParityPair : IAsyncDisposable
{
    private readonly string _directory;
    private readonly NodeServer _reference;

    private ParityPair(string directory, NodeServer reference, MiroirClusterFixture cluster)
    {
        _directory = directory;
        _reference = reference;
        Cluster = cluster;
        Single = new HttpClient { BaseAddress = new Uri(reference.Url), Timeout = TimeSpan.FromSeconds(30) };
        // The documented tie order: equal hits by primary key, which the orchestrator asks every node for.
        Single.DefaultRequestHeaders.Add("X-Miroir-Tie-Break", "primary-key");
    }

    public MiroirClusterFixture Cluster { get; }

    public HttpClient Single { get; }

    public static async Task<ParityPair> StartAsync(int nodes, int replicationFactor, int shards)
    {
        var directory = Path.Combine(Path.GetTempPath(), "miroir-parity-" + Guid.NewGuid().ToString("N"));
        var cluster = await MiroirClusterFixture.StartAsync(nodes, replicationFactor, shards: shards);
        var reference = await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = directory });
        return new ParityPair(directory, reference, cluster);
    }

    /// <summary>Sends a write to both; waits for both tasks and returns them (reference first).</summary>
    public async Task<(JsonElement Reference, JsonElement Cluster)> WriteAsync(HttpMethod method, string path, string? body)
    {
        var clusterTask = await Cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(await Cluster.SendJsonAsync(method, path, body)));
        var (status, accepted) = await SendAsync(Single, method, path, body);
        Assert.True(status == 202, $"reference answered {status}: {accepted}");
        return (await WaitAsync(accepted.GetProperty("taskUid").GetInt64()), clusterTask);
    }

    /// <summary>Creates <paramref name="uid"/> with its settings and documents on both.</summary>
    public async Task LoadAsync(string uid, string settings, string documents)
    {
        await WriteAsync(HttpMethod.Post, "/indexes", $$"""{"uid":"{{uid}}","primaryKey":"id"}""");
        await WriteAsync(HttpMethod.Patch, $"/indexes/{uid}/settings", settings);
        var (single, cluster) = await WriteAsync(HttpMethod.Post, $"/indexes/{uid}/documents", documents);
        Assert.Equal("succeeded", single.GetProperty("status").GetString());
        Assert.Equal("succeeded", cluster.GetProperty("status").GetString());
    }

    /// <summary>Asks both; returns the differences between the answers (status included), empty when they agree.</summary>
    public async Task<List<string>> DiffAsync(HttpMethod method, string path, string? body, IReadOnlySet<string>? ignored = null)
    {
        var (expectedStatus, expected) = await SendAsync(Single, method, path, body);
        var (actualStatus, actual, _) = await Cluster.SendJsonAsync(method, path, body);
        var differences = JsonDiff.Compare(expected, actual, ignored);
        if (expectedStatus != actualStatus)
        {
            differences.Insert(0, $"status: {expectedStatus} ≠ {actualStatus}");
        }

        return differences;
    }

    /// <summary>Asserts both answer alike; the message names the request and every difference.</summary>
    public async Task AssertSameAsync(HttpMethod method, string path, string? body = null, IReadOnlySet<string>? ignored = null)
    {
        var differences = await DiffAsync(method, path, body, ignored);
        Assert.True(differences.Count == 0, $"{method} {path} {body}\n  " + string.Join("\n  ", differences));
    }

    public static async Task<(int Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> WaitAsync(long taskUid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (_, task) = await SendAsync(Single, HttpMethod.Get, $"/tasks/{taskUid}", null);
            if (task.GetProperty("status").GetString() is "succeeded" or "failed" or "canceled")
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"reference task {taskUid} did not finish: {task}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Single.Dispose();
        await Cluster.DisposeAsync();
        await _reference.StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
