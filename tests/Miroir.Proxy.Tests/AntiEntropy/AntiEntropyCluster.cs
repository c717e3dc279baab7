using System.Text;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>A 3-node RF=2 cluster with index <c>m</c> (pk <c>id</c>) and documents 1..N written through Miroir, plus direct node access to make replicas drift.</summary>
internal sealed class AntiEntropyCluster : IAsyncDisposable
{
    private readonly HttpClient _direct = new() { Timeout = TimeSpan.FromSeconds(30) };

    private AntiEntropyCluster(MiroirClusterFixture cluster)
    {
        Cluster = cluster;
        Map = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards);
    }

    public MiroirClusterFixture Cluster { get; }

    public ShardMap Map { get; }

    public static async Task<AntiEntropyCluster> StartAsync(
        int documents = 40, Func<AntiEntropyConfig, AntiEntropyConfig>? configure = null, int nodes = 3, int replicaGroups = 1, Func<MiroirConfig, MiroirConfig>? configureCluster = null)
    {
        var cluster = await MiroirClusterFixture.StartAsync(
            nodes: nodes,
            replicationFactor: 2,
            replicaGroups: replicaGroups,
            configure: c => (configureCluster ?? (x => x))(c with { AntiEntropy = configure?.Invoke(c.AntiEntropy) ?? c.AntiEntropy }),
            proxyOptions: new ProxyServerOptions { TaskPollInterval = TimeSpan.FromMilliseconds(20), AntiEntropyDutyCycle = 1 });
        var ae = new AntiEntropyCluster(cluster);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"m","primaryKey":"id"}""")));
        if (documents > 0)
        {
            var batch = string.Join(',', Enumerable.Range(1, documents).Select(i => $$$"""{"id":{{{i}}},"title":"doc {{{i}}}","tags":["a","b"],"nested":{"x":{{{i}}},"y":"z"}}"""));
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", "[" + batch + "]")));
        }

        return ae;
    }

    public int ShardOf(int id) => Map.Router.GetShard(id);

    /// <summary>Node ordinals holding document <paramref name="id"/>.</summary>
    public int[] Owners(int id) => Map.GetWriteTargets(ShardOf(id)).ToArray();

    public string NodeId(int ordinal) => Cluster.Config.Nodes[ordinal].Id;

    /// <summary>Sends a write straight to one node (bypassing Miroir) and waits for the node task.</summary>
    public async Task WriteDirectAsync(int ordinal, string path, string json)
    {
        var url = Cluster.Nodes[ordinal]!.Url.TrimEnd('/');
        using var response = await _direct.PostAsync(url + path, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True((int)response.StatusCode == 202, $"node answered {(int)response.StatusCode}: {body}");
        var taskUid = body.GetProperty("taskUid").GetInt64();
        for (var i = 0; i < 1000; i++)
        {
            var task = await GetDirectAsync(ordinal, $"/tasks/{taskUid}");
            var status = task!.Value.GetProperty("status").GetString();
            if (status is "succeeded")
            {
                return;
            }

            Assert.True(status is "enqueued" or "processing", $"direct write failed: {task}");
            await Task.Delay(20);
        }

        Assert.Fail($"node task {taskUid} did not finish");
    }

    /// <summary>Sends a request through Miroir and waits for its task to succeed.</summary>
    public async Task WriteAsync(HttpMethod method, string path, string? json = null)
    {
        var answer = await Cluster.SendJsonAsync(method, path, json);
        Assert.True(answer.Status == 202, $"{method} {path} answered {answer.Status}: {answer.Body}");
        await Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(answer));
    }

    /// <summary>GETs a path on one node directly; null on 404.</summary>
    public async Task<JsonElement?> GetDirectAsync(int ordinal, string path)
    {
        using var response = await _direct.GetAsync(Cluster.Nodes[ordinal]!.Url.TrimEnd('/') + path);
        if ((int)response.StatusCode == 404)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Document <paramref name="id"/> as node <paramref name="ordinal"/> holds it (reserved fields included); null when absent.</summary>
    public Task<JsonElement?> DocumentOnAsync(int ordinal, int id) => GetDirectAsync(ordinal, $"/indexes/m/documents/{id}");

    public async Task<JsonElement> PassAsync(string path)
    {
        var (status, body, _) = await Cluster.SendJsonAsync(HttpMethod.Post, path);
        Assert.True(status == 200, $"{path} answered {status}: {body}");
        return body;
    }

    public Task<JsonElement> RunAsync() => PassAsync("/_miroir/anti-entropy/run");

    public Task<JsonElement> VerifyAsync() => PassAsync("/_miroir/verify");

    public async Task<JsonElement> StatusAsync()
    {
        var (status, body, _) = await Cluster.SendJsonAsync(HttpMethod.Get, "/_miroir/anti-entropy/status");
        Assert.Equal(200, status);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        _direct.Dispose();
        await Cluster.DisposeAsync();
    }
}
