using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Computes <see cref="IndexStats"/>: the exact document count from a <c>_miroir_shard</c> facet distribution over a
/// covering set (each shard counted on one owner), and the node-level fields from every node's own stats.
/// </summary>
/// <remarks>
/// <c>fieldDistribution</c>, <c>rawDocumentDbSize</c> and the embedding counts are not exact: a node reports them
/// for everything it holds (its replicas of other shards too), so each covering node's figures are scaled by the
/// share of its documents that belong to the shards it covers, then summed and rounded. This is exact when every
/// covering node holds only the shards it covers (RF 1, no migration), and otherwise exact for fields that every
/// document has; a field present in only some documents may be off by the imbalance between shards.
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
        var stats = new IndexStats { DegradedShards = covered.DegradedShards };
        foreach (var reply in perNode)
        {
            stats.IsIndexing |= reply.IsSuccess && NodeStats.Parse(reply.Memory.Span).IsIndexing;
        }

        foreach (var reply in covered.Replies)
        {
            var documents = ShardDocuments(reply.Memory.Span);
            stats.NumberOfDocuments += documents;
            var node = perNode[reply.Target.Ordinal];
            if (node.IsSuccess)
            {
                Scale(NodeStats.Parse(node.Memory.Span), documents, stats);
            }
        }

        foreach (var reply in perNode)
        {
            reply.Dispose();
        }

        return stats;
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

    private static void Scale(NodeStats node, long documents, IndexStats stats)
    {
        var share = node.NumberOfDocuments <= 0 ? 0 : Math.Min(1.0, documents / (double)node.NumberOfDocuments);
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

    /// <summary>Sum of the <c>_miroir_shard</c> facet counts: the node only counted the shards it covers.</summary>
    private static long ShardDocuments(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        long sum = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFacets = reader.ValueTextEquals("facetDistribution"u8);
            reader.Read();
            if (!isFacets || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isShard = reader.ValueTextEquals(ShardFilter.Field);
                reader.Read();
                if (!isShard || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    reader.Read();
                    sum += reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
                }
            }
        }

        return sum;
    }
}
