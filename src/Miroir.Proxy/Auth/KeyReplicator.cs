using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Auth;

/// <summary>
/// Keeps every node's API keys equal to the orchestrator's (same uid, hence the same key value: both derive it
/// from <c>node_master_key</c>), so a client holding a key can also reach a node directly. The orchestrator's
/// state log is the source of truth: a node that misses a change (down, timed out) is marked stale and a
/// background loop re-syncs it (creates missing keys, renames changed ones, deletes unknown ones, including
/// the node's own default keys). Off when the nodes have no master key (they then accept any request).
/// </summary>
internal sealed class KeyReplicator : IAsyncDisposable
{
    private static readonly TimeSpan RepairInterval = TimeSpan.FromSeconds(2);
    private readonly KeyStore _keys;
    private readonly ClusterState _cluster;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, NodeClient> _stale = new(StringComparer.Ordinal);

    /// <summary>Nodes synced at least once: a node the topology gains later (added by a rebalance) is synced when first seen.</summary>
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly PeriodicWorker _repairs;

    public KeyReplicator(KeyStore keys, ClusterState cluster, string nodeMasterKey, TimeProvider time, ILogger logger)
    {
        _keys = keys;
        _cluster = cluster;
        _time = time;
        Enabled = keys.HasMasterKey && !string.IsNullOrEmpty(nodeMasterKey);
        _repairs = new PeriodicWorker(RepairInterval, time, RepairAsync,
            e => ProxyLog.BackgroundWorkFailed(logger, e, "key replication"), runAtStart: true);
    }

    public bool Enabled { get; }

    /// <summary>Serialises key writes with repairs, so a repair never deletes a key being created.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Every node is synced once when first seen (keys created while it was away, the node's own default keys).</summary>
    public void Start()
    {
        if (!Enabled)
        {
            return;
        }

        _repairs.Start(); // its first round syncs every node of the topology
    }

    /// <summary>Sends one key change to every node of <paramref name="nodes"/>; returns which applied it (same order). Nodes that did not are marked stale.</summary>
    public async Task<bool[]> SendAsync(IReadOnlyList<NodeClient> nodes, HttpMethod method, string path, byte[]? body)
    {
        var responses = await NodeFanout.SendAllAsync(nodes, n => n.SendAsync(method, path, body, body is null ? null : "application/json")).ConfigureAwait(false);
        var applied = new bool[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            applied[i] = responses[i].IsSuccess || (method == HttpMethod.Delete && responses[i].Status == 404);
            if (!applied[i])
            {
                MarkStale(nodes[i]);
            }
        }

        return applied;
    }

    public void MarkStale(NodeClient node) => _stale[node.Id] = node;

    /// <summary>Makes <paramref name="node"/>'s keys equal to the orchestrator's; false when the node could not be reached or refused.</summary>
    public async Task<bool> SyncAsync(NodeClient node, CancellationToken ct)
    {
        var listed = await node.GetAsync("keys?limit=100000", ct).ConfigureAwait(false);
        if (!listed.IsSuccess)
        {
            return false;
        }

        var onNode = new Dictionary<Guid, (string? Name, string? Description)>();
        using (var document = listed.Json())
        {
            foreach (var k in document.RootElement.GetProperty("results").EnumerateArray())
            {
                onNode[k.GetProperty("uid").GetGuid()] = (OptString(k, "name"), OptString(k, "description"));
            }
        }

        var ok = true;
        var now = _time.GetUtcNow();
        foreach (var key in _keys.Keys.Reverse()) // oldest first, so the node lists them in the same order
        {
            if (key.IsExpired(now))
            {
                continue; // a node refuses a past expiry; an expired key authorises nothing anyway
            }

            if (!onNode.Remove(key.Uid, out var seen))
            {
                ok &= (await node.SendAsync(HttpMethod.Post, "keys", CreateBody(key), "application/json", ct).ConfigureAwait(false)).IsSuccess;
            }
            else if (seen.Name != key.Name || seen.Description != key.Description)
            {
                ok &= (await node.SendAsync(HttpMethod.Patch, KeyPath(key.Uid), UpdateBody(key), "application/json", ct).ConfigureAwait(false)).IsSuccess;
            }
        }

        foreach (var unknown in onNode.Keys)
        {
            var deleted = await node.SendAsync(HttpMethod.Delete, KeyPath(unknown), cancellationToken: ct).ConfigureAwait(false);
            ok &= deleted.IsSuccess || deleted.Status == 404;
        }

        return ok;
    }

    public static string KeyPath(Guid uid) => "keys/" + uid.ToString("D");

    /// <summary>The node's POST /keys body: the same uid (so the same derived value) and the same rights.</summary>
    public static byte[] CreateBody(ApiKey key) => JsonBytes.Write(key, static (w, k) =>
    {
        w.WriteStartObject();
        w.WriteString("uid", k.Uid.ToString("D"));
        WriteOpt(w, "name", k.Name);
        WriteOpt(w, "description", k.Description);
        w.WriteStartArray("actions");
        foreach (var a in k.Actions)
        {
            w.WriteStringValue(a);
        }

        w.WriteEndArray();
        w.WriteStartArray("indexes");
        foreach (var i in k.Indexes)
        {
            w.WriteStringValue(i);
        }

        w.WriteEndArray();
        WriteOpt(w, "expiresAt", k.ExpiresAt is { } e ? KeyStore.FormatDate(e) : null);
        w.WriteEndObject();
    });

    public static byte[] UpdateBody(ApiKey key) => JsonBytes.Write(key, static (w, k) =>
    {
        w.WriteStartObject();
        WriteOpt(w, "name", k.Name);
        WriteOpt(w, "description", k.Description);
        w.WriteEndObject();
    });

    public async ValueTask DisposeAsync()
    {
        await _repairs.StopAsync().ConfigureAwait(false);
        Gate.Dispose();
    }

    /// <summary>One repair round: nodes seen for the first time, then every stale node.</summary>
    private async Task RepairAsync(CancellationToken ct)
    {
        foreach (var node in _cluster.View.Nodes)
        {
            if (_known.TryAdd(node.Id, true))
            {
                _stale[node.Id] = node;
            }
        }

        foreach (var (id, node) in _stale)
        {
            await Gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                _stale.TryRemove(id, out _);
                if (!await SyncAsync(node, ct).ConfigureAwait(false))
                {
                    _stale[id] = node;
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }

    private static string? OptString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void WriteOpt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
