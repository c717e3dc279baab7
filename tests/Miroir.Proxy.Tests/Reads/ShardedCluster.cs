using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Reads;
using Miroir.Proxy.Tests.Reads.Tail;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// A corpus loaded twice over real HTTP into real engine nodes: sharded over N nodes (RF, S configurable,
/// <c>_miroir_shard</c> injected), each reached through a <see cref="DelayingProxy"/> by an orchestrator serving
/// <see cref="ReadRoutes"/>, and whole into one reference node.
/// </summary>
public sealed class ShardedCluster : IAsyncDisposable
{
    public const string Uid = "packages";

    private const string Settings =
        """{"filterableAttributes":["_miroir_shard","section","priority","installed_size_kb"],"sortableAttributes":["installed_size_kb"]}""";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "miroir-sharded-" + Guid.NewGuid().ToString("N"));
    private readonly List<NodeServer> _engines = [];
    private readonly List<DelayingProxy> _nodes = [];
    private NodeServer? _reference;
    // As in production: the cluster state publishes the views requests capture at the door, and owns the node clients.
    private ClusterState? _state;
    private LoopbackServer? _proxy;

    private ShardedCluster(IReadOnlyList<JsonObject> documents) => Documents = documents;

    /// <summary>The corpus (without <c>_miroir_shard</c>), in id order.</summary>
    public IReadOnlyList<JsonObject> Documents { get; }

    /// <summary>Talks to the orchestrator.</summary>
    public HttpClient Proxy { get; } = new();

    /// <summary>Talks to the single reference engine node holding every document.</summary>
    public HttpClient Reference { get; } = new();

    public ShardMap Map { get; private set; } = null!;

    /// <summary>The relays the orchestrator reaches each engine node through, by ordinal: the tests' fault switches.</summary>
    internal IReadOnlyList<DelayingProxy> Nodes => _nodes;

    /// <param name="nodeMasterKey">When set, every engine node of the cluster (not the reference) requires this key.</param>
    /// <param name="corpus">Documents to load (with an integer <c>id</c>) instead of the Debian sample.</param>
    /// <param name="replicasDisagree">Each node inserts its documents in its own shuffled order, as after repair copies:
    /// replicas then hold the same documents under different internal ids.</param>
    public static async Task<ShardedCluster> StartAsync(int documents = 3000, int nodes = 4, int replicationFactor = 2,
        int groups = 1, int shards = 16, UnavailableShardPolicy policy = UnavailableShardPolicy.Partial,
        int nodeTimeoutMs = 15000, string? nodeApiKey = null, string? nodeMasterKey = null,
        IReadOnlyList<JsonObject>? corpus = null, bool replicasDisagree = false, ReplicaStrategy strategy = ReplicaStrategy.Adaptive)
    {
        var cluster = new ShardedCluster(corpus ?? LoadCorpus(documents));
        try
        {
            await cluster.StartNodesAsync(nodes, replicationFactor, groups, shards, nodeMasterKey, replicasDisagree);
            await cluster.StartProxyAsync(policy, nodeTimeoutMs, nodeApiKey, strategy);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops a node: its address then refuses connections, like a crashed server.</summary>
    public async Task StopNodeAsync(int ordinal)
    {
        await _nodes[ordinal].DisposeAsync();
        await _engines[ordinal].StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is { } proxy)
        {
            await proxy.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var engine in _engines)
        {
            await engine.StopAsync();
        }

        if (_reference is { } reference)
        {
            await reference.StopAsync();
        }

        _state?.Dispose();
        Proxy.Dispose();
        Reference.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task StartNodesAsync(int count, int replicationFactor, int groups, int shards, string? masterKey, bool replicasDisagree)
    {
        for (var i = 0; i < count; i++)
        {
            _engines.Add(await NodeServer.StartAsync(new NodeOptions
            {
                Port = 0, DataDirectory = Path.Combine(_dataDirectory, $"node-{i:00}"), MasterKey = masterKey,
            }));
            var relay = await DelayingProxy.StartAsync();
            relay.Upstream = _engines[i].Url.TrimEnd('/');
            _nodes.Add(relay);
        }

        // Topology sorts nodes by (group, id): ids node-00.. keep ordinals equal to list positions.
        var topology = new Topology(_nodes.Select((n, i) => new TopologyNode($"node-{i:00}", n.Url.TrimEnd('/'), i % groups)), replicationFactor, groups);
        var order = topology.Nodes.Select(t => int.Parse(t.Id[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var relays = order.Select(i => _nodes[i]).ToList();
        var engines = order.Select(i => _engines[i]).ToList();
        _nodes.Clear();
        _nodes.AddRange(relays);
        _engines.Clear();
        _engines.AddRange(engines);
        Map = new ShardMap(topology, shards);
        var perNode = _nodes.Select(_ => new JsonArray()).ToList();
        foreach (var doc in Documents)
        {
            var shard = Map.Router.GetShard((long)doc["id"]!);
            foreach (var ordinal in Map.GetWriteTargets(shard))
            {
                var copy = (JsonObject)doc.DeepClone();
                copy["_miroir_shard"] = shard;
                perNode[ordinal].Add(copy);
            }
        }

        _reference = await NodeServer.StartAsync(new NodeOptions { Port = 0, DataDirectory = Path.Combine(_dataDirectory, "reference") });
        Reference.BaseAddress = new Uri(_reference.Url);
        var loads = new List<Task>();
        for (var i = 0; i < _engines.Count; i++)
        {
            var shuffle = new Random(1000 + i);
            var docs = replicasDisagree ? new JsonArray([.. perNode[i].Select(d => d!.DeepClone()).OrderBy(_ => shuffle.Next())]) : perNode[i];
            loads.Add(LoadAsync(_engines[i], masterKey, docs));
        }

        loads.Add(LoadAsync(_reference, null, new JsonArray([.. Documents.Select(d => d.DeepClone())])));
        await Task.WhenAll(loads);
    }

    /// <summary>Creates the index, its settings and documents over HTTP, waits for the node's tasks, checks the count.</summary>
    private static async Task LoadAsync(NodeServer engine, string? masterKey, JsonArray documents)
    {
        using var client = new HttpClient { BaseAddress = new Uri(engine.Url) };
        if (masterKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", masterKey);
        }

        await SendAsync(client, HttpMethod.Post, "/indexes", $$"""{"uid":"{{Uid}}","primaryKey":"id"}""");
        await SendAsync(client, HttpMethod.Patch, $"/indexes/{Uid}/settings", Settings);
        await SendAsync(client, HttpMethod.Post, $"/indexes/{Uid}/documents", documents.ToJsonString());
        await engine.WaitForIdleAsync(TimeSpan.FromSeconds(120));
        var (_, stats) = await ReadJson.GetAsync(client, $"/indexes/{Uid}/stats");
        if (stats.GetProperty("numberOfDocuments").GetInt32() != documents.Count)
        {
            throw new InvalidOperationException($"{engine.Url} holds {stats.GetRawText()} after loading {documents.Count} documents.");
        }
    }

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task StartProxyAsync(UnavailableShardPolicy policy, int nodeTimeoutMs, string? nodeApiKey, ReplicaStrategy strategy)
    {
        var topology = Map.Topology;
        var config = new MiroirConfig
        {
            Shards = Map.ShardCount,
            ReplicationFactor = topology.ReplicationFactor,
            ReplicaGroups = topology.ReplicaGroupCount,
            Nodes = [.. topology.Nodes.Select(n => new NodeConfig { Id = n.Id, Address = n.Address, ReplicaGroup = n.ReplicaGroup })],
            NodeMasterKey = nodeApiKey ?? "",
            Scatter = new ScatterConfig { NodeTimeoutMs = nodeTimeoutMs, UnavailableShardPolicy = policy },
            ReplicaSelection = new ReplicaSelectionConfig { Strategy = strategy },
        };
        _state = new ClusterState(config);
        _state.SetIndex(new IndexMeta(Uid, "id", Map.ShardCount));
        var cluster = new ReadCluster { Scatter = config.Scatter, ReplicaSelection = config.ReplicaSelection };
        _proxy = await LoopbackServer.StartAsync(app =>
        {
            app.Use(RequestView.Door(_state));
            app.Use(async (ctx, next) =>
            {
                try
                {
                    await next(ctx);
                }
                catch (MeiliException e) when (!ctx.Response.HasStarted)
                {
                    // A client error the orchestrator's request envelope answers.
                    await ProxyErrors.WriteAsync(ctx, e, NullLogger.Instance);
                }
                catch (Exception e) when (!ctx.Response.HasStarted)
                {
                    // Surface orchestrator bugs in test failures instead of a bare 500.
                    ctx.Response.StatusCode = 500;
                    await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = e.ToString(), ["code"] = "internal" }));
                }
            });
            app.MapReadRoutes(cluster);
        });
        Proxy.BaseAddress = new Uri(_proxy.Url);
    }

    // Every 2nd package of the checked-in Debian sample: deterministic, spread over all sections.
    private static List<JsonObject> LoadCorpus(int count)
    {
        var docs = new List<JsonObject>(count);
        foreach (var text in TestData.DebianLines(count, stride: 2))
        {
            var full = JsonNode.Parse(text)!.AsObject();
            var doc = new JsonObject();
            foreach (var field in new[] { "id", "name", "section", "priority", "installed_size_kb", "summary" })
            {
                if (full[field] is { } value)
                {
                    doc[field] = value.DeepClone();
                }
            }

            docs.Add(doc);
        }

        return docs;
    }
}
