using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Writes;

/// <summary>
/// Sends one write to every node (index, settings, delete-by-filter, ...). The first reachable node gets it
/// alone first, so a request the engine refuses (validation) comes back before any other node was touched;
/// the rest then get it in parallel. The Miroir task (its intent recorded before the first send) maps every node task that was enqueued. During a
/// rebalance joining nodes get the write too (after the current nodes, so indices below the current node
/// count are ordinals), but only current nodes count for quorum and the task.
/// </summary>
internal sealed class Broadcaster(WriteCommit commit)
{
    /// <summary>Sends to every node of the request's view; the array is indexed by write index (ordinal for current nodes). Rejected is the first node's refusal, if any.</summary>
    public async Task<(NodeResponse?[] Responses, NodeResponse? Rejected)> SendAsync(
        ClusterView view, HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken ct)
    {
        var nodes = view.Snapshot.WriteClients;
        var responses = new NodeResponse?[nodes.Count];
        var first = 0;
        for (; first < nodes.Count; first++)
        {
            var r = await nodes[first].SendAsync(method, path, body, contentType, ct).ConfigureAwait(false);
            responses[first] = r;
            if (r.Reached)
            {
                if (!r.IsSuccess)
                {
                    return (responses, r);
                }

                break;
            }
        }

        var rest = new List<Task>();
        for (var i = first + 1; i < nodes.Count; i++)
        {
            var ordinal = i;
            rest.Add(Task.Run(async () => responses[ordinal] = await nodes[ordinal].SendAsync(method, path, body, contentType, ct).ConfigureAwait(false), ct));
        }

        await Task.WhenAll(rest).ConfigureAwait(false);
        return (responses, null);
    }

    /// <summary>
    /// Records a broadcast's intent before any node is touched. A broadcast that changes documents or settings
    /// (<paramref name="touchesShards"/>) touches every shard each node owns of the index: a crash or a missed node
    /// then owes all of them.
    /// </summary>
    public Task<MiroirTask> BeginAsync(ClusterView view, string? indexUid, string type, bool touchesShards, int copies = 0, byte[]? details = null)
    {
        IReadOnlyList<TouchedShards> touches = [];
        if (touchesShards && indexUid is not null)
        {
            var map = view.ShardMap(view.ShardsOf(indexUid));
            var owned = new List<int>?[view.Nodes.Count];
            for (var shard = 0; shard < map.ShardCount; shard++)
            {
                foreach (var owner in map.GetWriteTargets(shard))
                {
                    (owned[owner] ??= []).Add(shard);
                }
            }

            touches = [.. owned.Select((shards, i) => shards is null ? null : new TouchedShards(view.Nodes[i].Id, [.. shards])).OfType<TouchedShards>()];
        }

        return commit.BeginAsync(indexUid, type, details, copies, touches);
    }

    /// <summary>Forgets an intent the first node refused (nothing was written anywhere).</summary>
    public Task AbandonAsync(MiroirTask intent) => commit.AbandonAsync(intent);

    /// <summary>Broadcasts a write and answers the client with a Miroir task (or the node's refusal, or 503).</summary>
    public async Task BroadcastTaskAsync(HttpContext ctx, HttpMethod method, string path, byte[]? body, string? contentType, string? indexUid, string type, bool touchesShards)
    {
        var view = ctx.ClusterView();
        var intent = await BeginAsync(view, indexUid, type, touchesShards).ConfigureAwait(false);
        var (responses, rejected) = await SendAsync(view, method, path, body, contentType, ctx.RequestAborted).ConfigureAwait(false);
        if (rejected is not null)
        {
            await AbandonAsync(intent).ConfigureAwait(false);
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        var quorum = await RegisterAsync(intent, view, responses, touchesShards).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, intent, quorum, view.Nodes).ConfigureAwait(false);
    }

    /// <summary>Checks <c>write_quorum</c> over every shard of the index and attaches the enqueued node tasks to the intent.</summary>
    /// <param name="view">The view <paramref name="responses"/> were sent with: its ordinals name the nodes that answered.</param>
    /// <param name="owesShards">True when a node that missed it owes its shards of the index (a repair hint).</param>
    /// <param name="followUp">Answers to a second request sent right after the first (its node tasks join the same Miroir task; a node counts as acknowledged only if both were enqueued).</param>
    /// <param name="prepare">Runs on the task before it is published to the poller (e.g. to hold it).</param>
    public async Task<WriteQuorum> RegisterAsync(MiroirTask intent, ClusterView view, NodeResponse?[] responses, bool owesShards, NodeResponse?[]? followUp = null, Action<MiroirTask>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var nodes = view.Nodes;
        var acked = new bool[nodes.Count];
        var refs = new List<NodeTaskRef>(nodes.Count);
        string? type = null;
        for (var i = 0; i < Math.Min(nodes.Count, responses.Length); i++)
        {
            var uid = responses[i]?.TaskUid() ?? -1;
            if (uid >= 0)
            {
                acked[i] = true;
                refs.Add(new NodeTaskRef(nodes[i].Id, uid));
                type ??= TypeOf(responses[i]!);
            }

            if (followUp is not null)
            {
                var second = followUp[i]?.TaskUid() ?? -1;
                acked[i] &= second >= 0;
                if (second >= 0)
                {
                    refs.Add(new NodeTaskRef(nodes[i].Id, second));
                }
            }
        }

        var shards = intent.IndexUid is null ? view.DefaultShards : view.ShardsOf(intent.IndexUid);
        IEnumerable<NodeResponse?> answers = followUp is null ? responses : [.. responses, .. followUp];
        return await commit.CompleteAsync(intent, view.ShardMap(shards), nodes, acked, [.. refs], static _ => true, answers, owesShards, type, prepare).ConfigureAwait(false);
    }

    /// <summary>A node's error object as a <see cref="ProxyException"/> (same code, message and status).</summary>
    public static ProxyException NodeError(NodeResponse response)
    {
        try
        {
            using var d = response.Json();
            var e = d.RootElement;
            return new ProxyException(
                e.GetProperty("code").GetString() ?? "internal",
                e.GetProperty("type").GetString() ?? "internal",
                response.Status,
                e.GetProperty("message").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new ProxyException("internal", "internal", 502, $"A node answered {response.Status} without an error object.");
        }
    }

    private static string? TypeOf(NodeResponse response)
    {
        using var d = response.Json();
        return d.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
    }
}
