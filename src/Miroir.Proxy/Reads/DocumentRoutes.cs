using Microsoft.AspNetCore.Http;
using Miroir.Core.Routing;
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
        if (cluster.FindIndex(uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var map = index.Map;
        var shard = map.Router.GetShard(id);
        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/documents/" + Uri.EscapeDataString(id) + ctx.Request.QueryString.Value;
        foreach (var ordinal in Candidates(cluster, map, shard))
        {
            var target = new NodeTarget(ordinal, [shard], Restrict: false);
            var reply = await NodeCall.SendAsync(cluster, target, NodeCall.Get(map.GetNode(ordinal).Address, path), ctx.RequestAborted)
                .ConfigureAwait(false);
            if (reply.Failed)
            {
                continue;
            }

            if (!reply.IsSuccess)
            {
                await ReadResponse.WriteJsonAsync(ctx, reply.Status, ReadResponse.Scrub(reply.Body)).ConfigureAwait(false);
                return;
            }

            using var clean = new PooledBufferWriter(reply.Body.Length);
            HitFilter.Write(reply.Body, keepScore: true, keepDetails: true, clean);
            await ReadResponse.WriteJsonAsync(ctx, 200, clean.WrittenMemory).ConfigureAwait(false);
            return;
        }

        // A single document cannot be answered partially: without a replica there is nothing to return.
        await ReadResponse.ShardUnavailableAsync(ctx, [shard]).ConfigureAwait(false);
    }

    /// <summary>The shard's owners to try in order: the round-robin group's replicas (rotated), then the other groups'.</summary>
    internal static List<int> Candidates(ReadCluster cluster, ShardMap map, int shard)
    {
        var groups = map.Topology.ReplicaGroupCount;
        var (group, rotation) = cluster.NextRoute(groups);
        var result = new List<int>();
        for (var step = 0; step < groups; step++)
        {
            var owners = map.GetOwners(shard, (group + step) % groups);
            for (var i = 0; i < owners.Length; i++)
            {
                var ordinal = owners[(int)((rotation + (ulong)i) % (ulong)owners.Length)];
                if (cluster.IsNodeAvailable is null || cluster.IsNodeAvailable(ordinal))
                {
                    result.Add(ordinal);
                }
            }
        }

        return result;
    }
}
