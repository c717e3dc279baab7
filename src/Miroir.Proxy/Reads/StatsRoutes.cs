using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Core.Configuration;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Reads;

/// <summary><c>GET /indexes/{uid}/stats</c> and <c>GET /stats</c>, aggregated so that every document counts once.</summary>
internal static class StatsRoutes
{
    public static async Task IndexAsync(HttpContext ctx, ReadCluster cluster)
    {
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var stats = await IndexStatsCollector.CollectAsync(cluster, index, ctx.RequestAborted).ConfigureAwait(false);
        // As for a search: only a shard nothing answered for is unavailable; a last-resort copy answers, marked degraded.
        if (stats.UncoveredShards.Length > 0 && cluster.Scatter.UnavailableShardPolicy == UnavailableShardPolicy.Error)
        {
            await ReadResponse.ShardUnavailableAsync(ctx, stats.UncoveredShards).ConfigureAwait(false);
            return;
        }

        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output))
        {
            Write(writer, stats);
        }

        await SearchRoutes.WriteAsync(ctx, new ReadOutcome(200, output.WrittenMemory, stats.DegradedShards)).ConfigureAwait(false);
    }

    /// <summary>Sizes summed over every node, <c>lastUpdate</c> the latest, each index as in its own stats.</summary>
    public static async Task AllAsync(HttpContext ctx, ReadCluster cluster)
    {
        var indexes = ReadIndex.All(ctx.ClusterView()).Where(i => ClientAccess.CanSee(ctx, i.Uid)).ToList();
        var perIndex = await Task.WhenAll(indexes.Select(i => IndexStatsCollector.CollectAsync(cluster, i, ctx.RequestAborted))).ConfigureAwait(false);
        var (size, used, lastUpdate) = await ClusterStats.CollectAsync(cluster, indexes, ctx.RequestAborted).ConfigureAwait(false);
        var degraded = perIndex.SelectMany(s => s.DegradedShards).Distinct().Order().ToArray();
        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber("databaseSize"u8, size);
            writer.WriteNumber("usedDatabaseSize"u8, used);
            if (lastUpdate is { } last)
            {
                writer.WriteString("lastUpdate"u8, last);
            }
            else
            {
                writer.WriteNull("lastUpdate"u8);
            }

            writer.WriteStartObject("indexes"u8);
            for (var i = 0; i < indexes.Count; i++)
            {
                writer.WritePropertyName(indexes[i].Uid);
                Write(writer, perIndex[i]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await SearchRoutes.WriteAsync(ctx, new ReadOutcome(200, output.WrittenMemory, degraded)).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter writer, IndexStats stats)
    {
        writer.WriteStartObject();
        writer.WriteNumber("numberOfDocuments"u8, stats.NumberOfDocuments);
        if (stats.RawDocumentDbSize is { } raw)
        {
            writer.WriteNumber("rawDocumentDbSize"u8, (long)Math.Round(raw));
            writer.WriteNumber("avgDocumentSize"u8, stats.NumberOfDocuments == 0 ? 0 : (long)Math.Round(raw / stats.NumberOfDocuments));
        }

        writer.WriteBoolean("isIndexing"u8, stats.IsIndexing);
        writer.WriteNumber("numberOfEmbeddings"u8, (long)Math.Round(stats.NumberOfEmbeddings));
        writer.WriteNumber("numberOfEmbeddedDocuments"u8, (long)Math.Round(stats.NumberOfEmbeddedDocuments));
        writer.WriteStartObject("fieldDistribution"u8);
        foreach (var (field, count) in stats.FieldDistribution)
        {
            // Never more than the documents counted: scaling can only round up past it.
            writer.WriteNumber(field, Math.Min(stats.NumberOfDocuments, (long)Math.Round(count)));
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
