using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Health;
using Miroir.Proxy.Http;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Rebalancing;

namespace Miroir.Proxy.Admin;

/// <summary>
/// The read-only admin API (06-operations §3): topology, shard owners, readiness, nodes and metrics. The admin key
/// is checked for the whole <c>/_miroir/</c> prefix by <see cref="Auth.AdminKeyAuth"/>, not here.
/// </summary>
internal sealed class AdminRoutes(ProxyMetrics metrics, Rebalancer rebalancer, HealthMonitor healthMonitor)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/_miroir/topology", TopologyAsync);
        app.Get("/_miroir/shards", ShardsAsync);
        app.Get("/_miroir/ready", ReadyAsync);
        app.Get("/_miroir/nodes", NodesAsync);
        app.Get("/_miroir/metrics", ctx => WriteMetricsAsync(ctx, metrics));
    }

    /// <summary>Answers a scrape in the text exposition format (also used by the unauthenticated metrics listener).</summary>
    public static Task WriteMetricsAsync(HttpContext ctx, ProxyMetrics metrics)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = ExpositionWriter.ContentType;
        return ctx.Response.WriteAsync(metrics.Scrape(), ctx.RequestAborted);
    }

    private Task TopologyAsync(HttpContext ctx)
    {
        var cluster = ctx.ClusterView();
        var coverage = ShardCoverage.Of(cluster);
        return JsonOut.WriteAsync(ctx, 200, coverage, (w, cov) =>
        {
            var topology = cluster.Topology;
            w.WriteStartObject();
            w.WriteNumber("shards", cluster.DefaultShards);
            w.WriteNumber("replication_factor", topology.ReplicationFactor);
            w.WriteNumber("replica_groups", topology.ReplicaGroupCount);
            w.WritePropertyName("nodes");
            WriteNodes(w, cluster);
            w.WriteNumber("degraded_node_count", cluster.Nodes.Count(n => cluster.StateOf(n.Id) is not NodeState.Healthy));
            w.WriteBoolean("rebalance_in_progress", rebalancer.Progress.InProgress);
            w.WriteBoolean("fully_covered", cov.FullyCovered);
            w.WriteNumber("degraded_shards", cov.Degraded);
            w.WriteEndObject();
        });
    }

    private Task NodesAsync(HttpContext ctx) => JsonOut.WriteAsync(ctx, 200, (self: this, view: ctx.ClusterView()), static (w, s) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("results");
        s.self.WriteNodes(w, s.view);
        w.WriteEndObject();
    });

    private Task ReadyAsync(HttpContext ctx)
    {
        var coverage = ShardCoverage.Of(ctx.ClusterView());
        if (!coverage.FullyCovered)
        {
            throw MiroirErrors.ShardUnavailable(
                $"{coverage.Total - coverage.Covered} of {coverage.Total} shards have no readable replica in any replica group.");
        }

        return JsonOut.WriteAsync(ctx, 200, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ready");
            w.WriteEndObject();
        });
    }

    private static Task ShardsAsync(HttpContext ctx)
    {
        var cluster = ctx.ClusterView();
        var snapshot = cluster.Snapshot;
        return JsonOut.WriteAsync(ctx, 200, cluster.Indexes, (w, list) =>
        {
            var readable = Enumerable.Range(0, snapshot.Clients.Count).Select(cluster.IsReadable).ToArray();
            w.WriteStartObject();
            w.WriteNumber("default_shards", cluster.DefaultShards);
            w.WriteStartArray("indexes");
            foreach (var index in list)
            {
                var map = snapshot.ShardMap(index.Shards);
                w.WriteStartObject();
                w.WriteString("uid", index.Uid);
                w.WriteNumber("shard_count", index.Shards);
                w.WriteStartArray("shards");
                for (var shard = 0; shard < map.ShardCount; shard++)
                {
                    var (covered, degraded) = ShardCoverage.Check(map, shard, readable);
                    w.WriteStartObject();
                    w.WriteNumber("shard", shard);
                    w.WriteBoolean("covered", covered);
                    w.WriteBoolean("degraded", degraded);
                    w.WriteStartArray("owners");
                    for (var g = 0; g < map.Topology.ReplicaGroupCount; g++)
                    {
                        foreach (var owner in map.GetOwners(shard, g))
                        {
                            var id = map.GetNode(owner).Id;
                            w.WriteStartObject();
                            w.WriteString("node_id", id);
                            w.WriteNumber("group", g);
                            w.WriteString("status", NodeStatusNames.Of(cluster.StateOf(id)));
                            w.WriteBoolean("owes", cluster.Hints.Owes(id, index.Uid, shard));
                            w.WriteEndObject();
                        }
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void WriteNodes(Utf8JsonWriter w, ClusterView cluster)
    {
        var snapshot = cluster.Snapshot;
        var map = snapshot.ShardMap(cluster.DefaultShards);
        w.WriteStartArray();
        for (var ordinal = 0; ordinal < snapshot.Clients.Count; ordinal++)
        {
            var node = snapshot.Clients[ordinal];
            var health = healthMonitor.Get(node.Id);
            w.WriteStartObject();
            w.WriteString("id", node.Id);
            w.WriteString("address", node.Node.Address);
            w.WriteNumber("group", node.Node.ReplicaGroup);
            w.WriteString("status", NodeStatusNames.Of(cluster.StateOf(node.Id)));
            w.WriteNumber("shard_count", map.GetShards(ordinal).Length);
            if (health.LastSeen is { } seen)
            {
                w.WriteNumber("last_seen_ms", seen.ToUnixTimeMilliseconds());
            }
            else
            {
                w.WriteNull("last_seen_ms");
            }

            w.WriteNumber("consecutive_failures", health.ConsecutiveFailures);
            if (health.LastError is { } error)
            {
                w.WriteString("error", error);
            }

            WriteOwed(w, cluster, node.Id);

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary><c>"owed_copies": n, "owed": {"index": [shards]}</c>: the copies the node missed and still owes (repair hints).</summary>
    private static void WriteOwed(Utf8JsonWriter w, ClusterView cluster, string nodeId)
    {
        var owed = cluster.Hints.For(nodeId);
        w.WriteNumber("owed_copies", owed.Count);
        w.WriteStartObject("owed");
        foreach (var index in owed.GroupBy(h => h.Hint.IndexUid, StringComparer.Ordinal))
        {
            w.WriteStartArray(index.Key);
            foreach (var (hint, _) in index)
            {
                w.WriteNumberValue(hint.Shard);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
