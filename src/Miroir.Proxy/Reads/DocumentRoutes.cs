using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Reads;

/// <summary><c>GET /indexes/{uid}/documents/{id}</c>: one replica of the id's shard, other owners as fallback (spec §4.8).</summary>
internal static class DocumentRoutes
{
    public static async Task GetOneAsync(HttpContext ctx, ReadCluster cluster)
    {
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        var id = ctx.Request.RouteValues["id"] as string ?? "";
        QueryParameterSet.Document.Check(ctx.Request.Query);
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var map = index.Map;
        var shard = map.Router.GetShard(id);
        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/documents/" + Uri.EscapeDataString(id) + ctx.Request.QueryString.Value;
        var (group, rotation) = Scatter.Route(cluster, (uint)map.Topology.ReplicaGroupCount, null);
        var run = new ScatterRun(cluster, index, _ => NodeCall.Get(path), group, rotation);
        var avoided = ReplicaAvoidance.Avoided(cluster, index, out var explored, out var best);
        (run.Explored, run.BestNode) = (explored, best);
        foreach (var ordinal in Candidates(index, shard, group, rotation, avoided))
        {
            if (run.FailedNodes?.Contains(ordinal) == true)
            {
                continue;
            }

            using var reply = Answer(run, await HedgedSend.SendAsync(run, new NodeTarget(ordinal, [shard], Restrict: false), ctx.RequestAborted)
                .ConfigureAwait(false));
            if (reply is null)
            {
                continue;
            }

            if (!reply.IsSuccess)
            {
                await ReadResponse.WriteJsonAsync(ctx, reply.Status, ReadResponse.Scrub(reply.Body)).ConfigureAwait(false);
                return;
            }

            using var clean = new PooledBufferWriter((int)reply.Body.Length);
            HitFilter.Write(reply.Memory.Span, keepScore: true, keepDetails: true, clean);
            await ReadResponse.WriteJsonAsync(ctx, 200, clean.WrittenMemory).ConfigureAwait(false);
            return;
        }

        // A single document cannot be answered partially: without a replica there is nothing to return.
        await ReadResponse.ShardUnavailableAsync(ctx, [shard]).ConfigureAwait(false);
    }

    /// <summary>
    /// The shard's owners to try in order: the route's group's replicas (rotated), then the other groups'; nodes adaptive
    /// selection avoids go last.
    /// </summary>
    internal static List<int> Candidates(ReadIndex index, int shard, int group, ulong rotation, HashSet<int>? avoided)
    {
        var map = index.Map;
        var groups = map.Topology.ReplicaGroupCount;
        var result = new List<int>();
        for (var step = 0; step < groups; step++)
        {
            var owners = map.GetOwners(shard, (group + step) % groups);
            for (var i = 0; i < owners.Length; i++)
            {
                var ordinal = owners[(int)((rotation + (ulong)i) % (ulong)owners.Length)];
                if (index.View.IsReadable(ordinal))
                {
                    result.Add(ordinal);
                }
            }
        }

        return avoided is null ? result : [.. result.Where(o => !avoided.Contains(o)), .. result.Where(avoided.Contains)];
    }

    // The node's (or its hedge's) answer, or null when they failed; failed nodes are not asked again. Every other reply is
    // disposed here (a hedge of one shard has one node: there is at most one answer).
    private static NodeReply? Answer(ScatterRun run, TargetOutcome outcome)
    {
        NodeReply? answer = null;
        foreach (var ordinal in outcome.FailedNodes)
        {
            (run.FailedNodes ??= []).Add(ordinal);
        }

        for (var i = 0; i < outcome.Count; i++)
        {
            if (outcome[i].Failed)
            {
                (run.FailedNodes ??= []).Add(outcome[i].Target.Ordinal);
                outcome[i].Dispose();
            }
            else
            {
                answer?.Dispose();
                answer = outcome[i];
            }
        }

        return answer;
    }
}
