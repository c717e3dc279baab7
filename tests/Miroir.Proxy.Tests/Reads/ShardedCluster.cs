using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// A corpus loaded twice over real HTTP: sharded over N nodes (RF, S configurable, <c>_miroir_shard</c> injected)
/// behind an orchestrator serving <see cref="ReadRoutes"/>, and whole into one reference node.
/// </summary>
public sealed class ShardedCluster : IAsyncDisposable
{
    public const string Uid = "packages";

    private readonly List<FakeNode> _nodes = [];
    private readonly FakeNode _reference = new(Uid);
    // As in production (NodeClient.Invoker): the bare handler, no HttpClient layer; NodeCall sets timeout and key.
    private readonly HttpMessageInvoker _nodeClient = new(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true);
    private WebApplication? _proxy;

    private ShardedCluster(int documents) => Documents = LoadCorpus(documents);

    /// <summary>The corpus (without <c>_miroir_shard</c>), in id order.</summary>
    public IReadOnlyList<JsonObject> Documents { get; }

    /// <summary>Talks to the orchestrator.</summary>
    public HttpClient Proxy { get; } = new();

    /// <summary>Talks to the single reference node holding every document.</summary>
    public HttpClient Reference { get; } = new();

    public ShardMap Map { get; private set; } = null!;

    internal IReadOnlyList<FakeNode> Nodes => _nodes;

    public static async Task<ShardedCluster> StartAsync(int documents = 3000, int nodes = 4, int replicationFactor = 2,
        int groups = 1, int shards = 16, UnavailableShardPolicy policy = UnavailableShardPolicy.Partial,
        int nodeTimeoutMs = 15000, string? nodeApiKey = null)
    {
        var cluster = new ShardedCluster(documents);
        await cluster.StartNodesAsync(nodes, replicationFactor, groups, shards);
        await cluster.StartProxyAsync(policy, nodeTimeoutMs, nodeApiKey);
        return cluster;
    }

    /// <summary>Stops a node: its port then refuses connections, like a crashed server.</summary>
    public Task StopNodeAsync(int ordinal) => _nodes[ordinal].DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_proxy is { } proxy)
        {
            await proxy.StopAsync();
            await proxy.DisposeAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _reference.DisposeAsync();
        _nodeClient.Dispose();
        Proxy.Dispose();
        Reference.Dispose();
    }

    private async Task StartNodesAsync(int count, int replicationFactor, int groups, int shards)
    {
        for (var i = 0; i < count; i++)
        {
            var node = new FakeNode(Uid);
            await node.StartAsync();
            _nodes.Add(node);
        }

        // Topology sorts nodes by (group, id): ids node-00.. keep ordinals equal to list positions.
        var topology = new Topology(_nodes.Select((n, i) => new TopologyNode($"node-{i:00}", n.Url, i % groups)), replicationFactor, groups);
        var ordered = topology.Nodes.Select(t => _nodes[int.Parse(t.Id[5..], System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        _nodes.Clear();
        _nodes.AddRange(ordered);
        Map = new ShardMap(topology, shards);
        var perNode = _nodes.Select(_ => new List<string>()).ToList();
        foreach (var doc in Documents)
        {
            var shard = Map.Router.GetShard((long)doc["id"]!);
            var copy = (JsonObject)doc.DeepClone();
            copy["_miroir_shard"] = shard;
            foreach (var ordinal in Map.GetWriteTargets(shard))
            {
                perNode[ordinal].Add(copy.ToJsonString());
            }
        }

        for (var i = 0; i < _nodes.Count; i++)
        {
            _nodes[i].Add(perNode[i]);
        }

        await _reference.StartAsync();
        _reference.Add(Documents.Select(d => d.ToJsonString()));
        Reference.BaseAddress = new Uri(_reference.Url);
    }

    private async Task StartProxyAsync(UnavailableShardPolicy policy, int nodeTimeoutMs, string? nodeApiKey)
    {
        var index = new ReadIndex { Uid = Uid, Map = Map, PrimaryKey = "id" };
        var cluster = new ReadCluster
        {
            FindIndex = uid => uid == Uid ? index : null,
            ListIndexes = () => [index],
            NodeClient = _ => _nodeClient,
            NodeApiKey = nodeApiKey,
            Scatter = new ScatterConfig { NodeTimeoutMs = nodeTimeoutMs, UnavailableShardPolicy = policy },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (Exception e) when (!ctx.Response.HasStarted)
            {
                // Surface orchestrator bugs in test failures instead of a bare 500.
                ctx.Response.StatusCode = 500;
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = e.ToString(), ["code"] = "internal" }));
            }
        });
        app.MapReadRoutes(cluster);
        await app.StartAsync();
        _proxy = app;
        Proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    // Every 21st package of the Debian dataset: deterministic, spread over all sections.
    private static List<JsonObject> LoadCorpus(int count)
    {
        using var file = File.OpenRead("/work/shared/datasets/debian-packages.ndjson.gz");
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var docs = new List<JsonObject>(count);
        var line = 0;
        while (docs.Count < count && reader.ReadLine() is { } text)
        {
            if (line++ % 21 != 0)
            {
                continue;
            }

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
