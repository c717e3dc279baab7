using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Computes <see cref="IndexStats"/>: the exact document count from a <c>_miroir_shard</c> facet distribution over a
/// covering set (each shard counted on one owner), and the node-level fields from every node's own stats.
/// </summary>
/// <remarks>
/// A node reports <c>fieldDistribution</c>, <c>rawDocumentDbSize</c> and the embedding counts for everything it holds
/// (its replicas of other shards too). When every copy is in place (the nodes hold exactly copies × documents), the
/// sums over all nodes divided by the copy count are exact and stable. Otherwise (a replica behind, a node down, a
/// migration) each covering node's figures are scaled by the share of its documents in the shards it covers: exact
/// for fields every document has, off by the imbalance between shards for the others.
/// </remarks>
internal static class IndexStatsCollector
{
    private static readonly byte[] UnrestrictedCountBody = Encoding.UTF8.GetBytes("""{"q":"","limit":0,"facets":["_miroir_shard"]}""");

    public static async Task<IndexStats> CollectAsync(ReadCluster cluster, ReadIndex index, CancellationToken cancellationToken)
    {
        var uid = Uri.EscapeDataString(index.Uid);
        var counts = Scatter.RunAsync(cluster, index, t => NodeCall.Post("/indexes/" + uid + "/search", CountBody(t)),
            null, cancellationToken);
        var nodes = index.Map.Topology.Nodes;
        var nodeStats = new Task<NodeReply>[nodes.Count];
        for (var n = 0; n < nodeStats.Length; n++)
        {
            var target = new NodeTarget(n, [], Restrict: false);
            nodeStats[n] = NodeCall.SendOrThrowAsync(cluster, index.Node(n), target, NodeCall.Get("/indexes/" + uid + "/stats"), cancellationToken);
        }

        using var covered = await counts.ConfigureAwait(false);
        var perNode = await Task.WhenAll(nodeStats).ConfigureAwait(false);
        try
        {
            var stats = new IndexStats { UncoveredShards = covered.UncoveredShards, DegradedShards = covered.DegradedShards };
            var parsed = new NodeStats?[perNode.Length];
            for (var n = 0; n < perNode.Length; n++)
            {
                parsed[n] = perNode[n].IsSuccess ? NodeStats.Parse(perNode[n].Memory.Span) : null;
                stats.IsIndexing |= parsed[n]?.IsIndexing == true;
            }

            var shardDocuments = new long[perNode.Length];
            var perShard = new long[index.Map.ShardCount];
            foreach (var reply in covered.Replies)
            {
                // The node only counted the shards it covers.
                perShard.AsSpan().Clear();
                ShardCounts.Read(reply.Memory.Span, perShard);
                var documents = perShard.Sum();
                shardDocuments[reply.Target.Ordinal] += documents;
                stats.NumberOfDocuments += documents;
            }

            if (!TryDivideCopies(index, parsed, stats))
            {
                for (var n = 0; n < parsed.Length; n++)
                {
                    if (shardDocuments[n] > 0 && parsed[n] is { } node)
                    {
                        Scale(node, shardDocuments[n] / (double)Math.Max(1, node.NumberOfDocuments), stats);
                    }
                }
            }

            return stats;
        }
        finally
        {
            foreach (var reply in perNode)
            {
                reply.Dispose();
            }
        }
    }

    /// <summary>
    /// The exact figures when every copy is in place: each shard lives on the same number of nodes, so when the nodes
    /// together hold exactly that many copies of every counted document, each node-level sum is that multiple of the
    /// one-node figure. The answer then depends on no covering set (it is the same on every call).
    /// </summary>
    private static bool TryDivideCopies(ReadIndex index, NodeStats?[] nodes, IndexStats stats)
    {
        var copies = index.Map.ShardCount == 0 ? 0 : index.Map.GetWriteTargets(0).Length;
        long held = 0;
        foreach (var node in nodes)
        {
            if (node is null)
            {
                return false;
            }

            held += node.NumberOfDocuments;
        }

        if (copies == 0 || stats.DegradedShards.Length > 0 || held != copies * stats.NumberOfDocuments)
        {
            return false;
        }

        foreach (var node in nodes)
        {
            Scale(node!, 1.0 / copies, stats);
        }

        return true;
    }

    private static byte[] CountBody(NodeTarget target)
    {
        if (target.Restriction is not { } restriction)
        {
            return UnrestrictedCountBody;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("q"u8, "");
            writer.WriteNumber("limit"u8, 0);
            writer.WriteStartArray("facets"u8);
            writer.WriteStringValue(ShardFilter.Field);
            writer.WriteEndArray();
            writer.WriteString("filter"u8, restriction);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Scale(NodeStats node, double share, IndexStats stats)
    {
        share = Math.Min(1.0, share);
        foreach (var (field, count) in node.FieldDistribution)
        {
            if (!field.StartsWith("_miroir_", StringComparison.Ordinal))
            {
                stats.FieldDistribution[field] = stats.FieldDistribution.GetValueOrDefault(field) + (count * share);
            }
        }

        if (node.RawDocumentDbSize is { } size)
        {
            stats.RawDocumentDbSize = (stats.RawDocumentDbSize ?? 0) + (size * share);
        }

        stats.NumberOfEmbeddings += node.NumberOfEmbeddings * share;
        stats.NumberOfEmbeddedDocuments += node.NumberOfEmbeddedDocuments * share;
    }
}
