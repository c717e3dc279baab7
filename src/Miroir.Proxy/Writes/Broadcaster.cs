using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Writes;

/// <summary>
/// Sends one write to every node (index, settings, delete-by-filter, ...). The first reachable node gets it
/// alone first, so a request the engine refuses (validation) comes back before any other node was touched;
/// the rest then get it in parallel. The Miroir task maps every node task that was enqueued. During a
/// rebalance joining nodes get the write too (after the current nodes, so indices below the current node
/// count are ordinals), but only current nodes count for quorum and the task.
/// </summary>
internal sealed class Broadcaster(TaskStore tasks, ILogger logger)
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

    /// <summary>Broadcasts a write and answers the client with a Miroir task (or the node's refusal, or 503).</summary>
    public async Task BroadcastTaskAsync(HttpContext ctx, HttpMethod method, string path, byte[]? body, string? contentType, string? indexUid, int copies = 0)
    {
        var view = ctx.ClusterView();
        var (responses, rejected) = await SendAsync(view, method, path, body, contentType, ctx.RequestAborted).ConfigureAwait(false);
        if (rejected is not null)
        {
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        var task = await RegisterAsync(view, responses, indexUid, copies).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task.Task, task.Degraded).ConfigureAwait(false);
    }

    /// <summary>Checks the quorum over every shard of the index and registers the Miroir task for the enqueued node tasks.</summary>
    /// <param name="view">The view <paramref name="responses"/> were sent with: its ordinals name the nodes that answered.</param>
    /// <param name="followUp">Answers to a second request sent right after the first (its node tasks join the same Miroir task; a node counts as acknowledged only if both were enqueued).</param>
    /// <param name="prepare">Runs on the task before it is published to the poller (e.g. to hold it).</param>
    public async Task<(MiroirTask Task, int[] Degraded)> RegisterAsync(ClusterView view, NodeResponse?[] responses, string? indexUid, int copies, byte[]? details = null, string? type = null, NodeResponse?[]? followUp = null, Action<MiroirTask>? prepare = null)
    {
        var nodes = view.Nodes;
        var acked = new bool[nodes.Count];
        var refs = new List<NodeTaskRef>(nodes.Count);
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

        var shards = indexUid is null ? view.DefaultShards : view.ShardsOf(indexUid);
        var quorum = WriteQuorum.Evaluate(view.ShardMap(shards), acked, static _ => true);
        if (!quorum.Reached)
        {
            throw NoQuorum(responses, quorum.FailedShard);
        }

        if (quorum.DegradedGroups.Length > 0)
        {
            ProxyLog.WriteDegraded(logger, indexUid, string.Join(',', quorum.DegradedGroups));
        }

        var task = await tasks.RegisterAsync(indexUid, type ?? "unknown", details, copies, [.. refs], prepare).ConfigureAwait(false);
        return (task, quorum.DegradedGroups);
    }

    /// <summary>503 no quorum, naming the shard and why its nodes failed; a node's own refusal is relayed instead when there is one.</summary>
    public static Exception NoQuorum(IEnumerable<NodeResponse?> responses, int shard)
    {
        var refused = responses.FirstOrDefault(r => r is { Reached: true, IsSuccess: false });
        if (refused is not null && refused.Status is >= 400 and < 500)
        {
            return NodeError(refused);
        }

        var reasons = string.Join("; ", responses.Where(r => r is { Reached: false }).Select(r => r!.Failure).Distinct());
        return MiroirErrors.NoQuorum($"shard {shard} could not be written by a quorum of its replicas in any replica group ({reasons}).");
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
