using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Engine.Node;
using Miroir.Proxy.Server;

namespace Miroir.Proxy.Tests.Cluster;

/// <summary>
/// A whole Miroir cluster in-process for one test: N engine <see cref="NodeServer"/>s on ephemeral ports plus the
/// orchestrator (<see cref="ProxyServer"/>), all over real HTTP, in a temp directory deleted on dispose.
/// </summary>
/// <remarks>
/// Use: <c>await using var cluster = await MiroirClusterFixture.StartAsync();</c> then talk to
/// <see cref="Client"/>. Nodes are named <c>node-1..node-N</c>; with RG groups, node i is in group i*RG/N.
/// </remarks>
public sealed class MiroirClusterFixture : IAsyncDisposable
{
    private readonly NodeServer?[] _nodes;
    private readonly int[] _nodePorts;
    private readonly ProxyServerOptions _proxyOptions;
    private readonly List<NodeServer> _extraNodes = [];

    private MiroirClusterFixture(string directory, NodeServer?[] nodes, MiroirConfig config, ProxyServerOptions proxyOptions)
    {
        DataDirectory = directory;
        _nodes = nodes;
        _nodePorts = nodes.Select(n => new Uri(n!.Url).Port).ToArray();
        Config = config;
        _proxyOptions = proxyOptions;
    }

    /// <summary>Root of everything this cluster writes; deleted on dispose.</summary>
    public string DataDirectory { get; }

    public MiroirConfig Config { get; }

    /// <summary>The running orchestrator (replaced by <see cref="RestartProxyAsync"/>).</summary>
    public ProxyServer Proxy { get; private set; } = null!;

    /// <summary>An HTTP client pointed at the orchestrator (with the master key when one is configured).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The engine nodes by position (null while stopped).</summary>
    public IReadOnlyList<NodeServer?> Nodes => _nodes;

    /// <summary>Boots the nodes and the orchestrator.</summary>
    /// <param name="configure">Last chance to change the generated configuration (master key, scatter timeouts, ...).</param>
    /// <param name="nodeMasterKey">Master key of every node (and <c>node_master_key</c> of the orchestrator); none by default.</param>
    public static async Task<MiroirClusterFixture> StartAsync(
        int nodes = 3,
        int replicationFactor = 2,
        int replicaGroups = 1,
        int shards = 12,
        Func<MiroirConfig, MiroirConfig>? configure = null,
        ProxyServerOptions? proxyOptions = null,
        string? nodeMasterKey = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "miroir-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var servers = new NodeServer?[nodes];
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                servers[i] = await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = Path.Combine(directory, $"node-{i + 1}"), MasterKey = nodeMasterKey });
            }

            var config = MiroirConfig.Default with
            {
                Shards = shards,
                ReplicationFactor = replicationFactor,
                ReplicaGroups = replicaGroups,
                Nodes = servers.Select((s, i) => new NodeConfig { Id = $"node-{i + 1}", Address = s!.Url, ReplicaGroup = i * replicaGroups / nodes }).ToArray(),
                State = new StateConfig { Path = Path.Combine(directory, "miroir") },
                // Generous: a 2-core CI machine running every test project at once can stall a node for
                // seconds; stopped nodes refuse connections at once, so failure tests stay fast.
                Scatter = new ScatterConfig { NodeTimeoutMs = 15000 },
                // The listening port comes from ProxyServerOptions (0 = ephemeral); the file keeps a valid one.
                Server = new ServerConfig { Bind = "127.0.0.1" },
                NodeMasterKey = nodeMasterKey ?? "",
            };
            config = configure?.Invoke(config) ?? config;
            // No metrics listener unless the test asks for one (never the default port 9090).
            var options = (proxyOptions ?? new ProxyServerOptions()) with { Port = 0, Bind = "127.0.0.1", MetricsPort = proxyOptions?.MetricsPort ?? -1 };
            if (proxyOptions is null)
            {
                options = options with { TaskPollInterval = TimeSpan.FromMilliseconds(20) };
            }

            var fixture = new MiroirClusterFixture(directory, servers, config, options);
            await fixture.StartProxyAsync();
            return fixture;
        }
        catch
        {
            foreach (var server in servers)
            {
                if (server is not null)
                {
                    await server.StopAsync();
                }
            }

            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Stops node <paramref name="index"/> (0-based): it no longer answers, its data stays.</summary>
    public async Task StopNodeAsync(int index)
    {
        var node = _nodes[index] ?? throw new InvalidOperationException($"Node {index} is not running.");
        _nodes[index] = null;
        await node.StopAsync();
    }

    /// <summary>Starts a stopped node again on its former port and data directory.</summary>
    public async Task StartNodeAsync(int index)
    {
        if (_nodes[index] is not null)
        {
            throw new InvalidOperationException($"Node {index} is running.");
        }

        var masterKey = string.IsNullOrEmpty(Config.NodeMasterKey) ? null : Config.NodeMasterKey;
        _nodes[index] = await NodeServer.StartAsync(new NodeOptions { Port = _nodePorts[index], DataDirectory = Path.Combine(DataDirectory, $"node-{index + 1}"), MasterKey = masterKey });
    }

    /// <summary>Starts one more engine node (not in the configuration: topology tests add it through the admin API).</summary>
    /// <param name="port">0 for an ephemeral port, or a former port to bring a stopped extra node back.</param>
    public async Task<NodeServer> StartExtraNodeAsync(string name, int port = 0)
    {
        var node = await NodeServer.StartAsync(new NodeOptions { Port = port, DataDirectory = Path.Combine(DataDirectory, name) });
        _extraNodes.Add(node);
        return node;
    }

    /// <summary>Stops an extra node (its data stays).</summary>
    public async Task StopExtraNodeAsync(NodeServer node)
    {
        _extraNodes.Remove(node);
        await node.StopAsync();
    }

    /// <summary>Stops the orchestrator and starts a new one on the same state directory (tasks must survive).</summary>
    public async Task RestartProxyAsync()
    {
        Client.Dispose();
        await Proxy.StopAsync();
        await StartProxyAsync();
    }

    /// <summary>Sends a JSON body (or none) to the orchestrator.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends a request and parses the JSON answer (status included).</summary>
    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendJsonAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        var response = await SendAsync(method, path, body, contentType);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json, response);
    }

    /// <summary>Reads the <c>taskUid</c> of a 202 answer (fails the test otherwise).</summary>
    public static long TaskUidOf((int Status, JsonElement Body, HttpResponseMessage Response) answer)
    {
        Assert.True(answer.Status == 202, $"expected 202, got {answer.Status}: {answer.Body}");
        return answer.Body.GetProperty("taskUid").GetInt64();
    }

    /// <summary>Polls <c>GET /tasks/{uid}</c> on the orchestrator until the task is finished; returns the task object.</summary>
    public async Task<JsonElement> WaitForTaskAsync(long taskUid, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var (status, body, _) = await SendJsonAsync(HttpMethod.Get, $"/tasks/{taskUid}");
            Assert.True(status == 200, $"GET /tasks/{taskUid} answered {status}: {body}");
            var state = body.GetProperty("status").GetString();
            if (state is "succeeded" or "failed" or "canceled")
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Task {taskUid} is still {state}: {body}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a task and asserts it succeeded.</summary>
    public async Task<JsonElement> WaitForSuccessAsync(long taskUid)
    {
        var task = await WaitForTaskAsync(taskUid);
        Assert.True(task.GetProperty("status").GetString() == "succeeded", $"task {taskUid} did not succeed: {task}");
        return task;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Proxy is not null)
        {
            await Proxy.StopAsync();
        }

        foreach (var node in _nodes.Concat(_extraNodes))
        {
            if (node is not null)
            {
                await node.StopAsync();
            }
        }

        TryDelete(DataDirectory);
    }

    private async Task StartProxyAsync()
    {
        Proxy = await ProxyServer.StartAsync(Config, _proxyOptions);
        Client = new HttpClient { BaseAddress = new Uri(Proxy.Url), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(Config.MasterKey))
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Config.MasterKey);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping server: the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A write straight to one node (by position), behind Miroir's back; returns once the node applied it.</summary>
    public async Task WriteToNodeAsync(int node, string path, string body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_nodes[node]!.Url) };
        using var answer = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var uid = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("taskUid").GetInt64();
        for (var i = 0; i < 400; i++)
        {
            using var task = JsonDocument.Parse(await http.GetStringAsync($"tasks/{uid}"));
            if (task.RootElement.GetProperty("status").GetString() == "succeeded")
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the direct write did not finish");
    }
}
