using Microsoft.AspNetCore.Http;
using Miroir.Core.Routing;
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
        var candidates = Candidates(index, shard, group, rotation, avoided, out var firstLastResort);
        for (var c = 0; c < candidates.Count; c++)
        {
            var ordinal = candidates[c];
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

            if (c >= firstLastResort)
            {
                // The only live copy may be stale: answer, but say so.
                ReadResponse.MarkDegraded(ctx, [shard]);
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
    /// selection avoids go after them, and copies that may be stale (owed, or on a joining node) last of all, from
    /// <paramref name="firstLastResort"/> on.
    /// </summary>
    internal static List<int> Candidates(ReadIndex index, int shard, int group, ulong rotation, HashSet<int>? avoided, out int firstLastResort)
    {
        var map = index.Map;
        var availability = new ReadAvailability(index, null);
        var groups = map.Topology.ReplicaGroupCount;
        var clean = new List<int>();
        var stale = new List<int>();
        for (var step = 0; step < groups; step++)
        {
            var owners = map.GetOwners(shard, (group + step) % groups);
            for (var i = 0; i < owners.Length; i++)
            {
                var ordinal = owners[(int)((rotation + (ulong)i) % (ulong)owners.Length)];
                var use = availability.HasCopyLimits
                    ? availability.Copy(ordinal, map.GetNode(ordinal), shard)
                    : index.View.IsReadable(ordinal) ? CopyUse.Preferred : CopyUse.Unavailable;
                (use == CopyUse.Preferred ? clean : use == CopyUse.LastResort ? stale : null)?.Add(ordinal);
            }
        }

        firstLastResort = clean.Count;
        return avoided is null ? [.. clean, .. stale] : [.. clean.Where(o => !avoided.Contains(o)), .. clean.Where(avoided.Contains), .. stale];
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
