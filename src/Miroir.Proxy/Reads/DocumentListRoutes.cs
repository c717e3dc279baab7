using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// <c>GET /indexes/{uid}/documents</c> and <c>POST /documents/fetch</c>: a global, gapless pagination over the
/// covering set.
/// </summary>
/// <remarks>
/// Order: <see cref="DocumentListOrder"/>, shards interleaved row by row, each shard's documents in the node's
/// order; it does not depend on which replica answers, and documents added later land after the pages already
/// read. A first round asks the covering nodes for their totals with the client's fetch (which validates it);
/// a second counts the documents per shard (a <c>_miroir_shard</c> facet); the last fetches, from one owner per
/// shard, only that shard's slice of the client's window. <c>total</c> is the sum of the counts. With <c>ids</c>,
/// the listing is the covering nodes' answers in node order.
/// </remarks>
internal static class DocumentListRoutes
{
    public static async Task GetAsync(HttpContext ctx, ReadCluster cluster)
    {
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        // Nodes are asked by fetch bodies, which would drop an unknown name: it is refused here, as a node does.
        QueryParameterSet.Documents.Check(ctx.Request.Query);
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/documents" + ctx.Request.QueryString.Value;
        var query = DocumentListQuery.FromQueryString(ctx.Request.Query);
        var outcome = await RunAsync(cluster, index, query, () => NodeCall.Get(path), ctx.RequestAborted).ConfigureAwait(false);
        await SearchRoutes.WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    public static async Task FetchAsync(HttpContext ctx, ReadCluster cluster)
    {
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var raw = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/documents/fetch";
        Func<NodeRequest> original = () => NodeCall.Post(path, raw);
        var body = raw.Length == 0 ? ClientBody.Empty : ClientBody.TryParse(raw);
        var outcome = body is null
            ? await NodeRelay.RelayOriginalAsync(cluster, index, original, ctx.RequestAborted).ConfigureAwait(false)
            : await RunAsync(cluster, index, DocumentListQuery.FromBody(body), original, ctx.RequestAborted).ConfigureAwait(false);
        await SearchRoutes.WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    internal static async Task<ReadOutcome> RunAsync(ReadCluster cluster, ReadIndex index, DocumentListQuery query,
        Func<NodeRequest> original, CancellationToken cancellationToken)
    {
        ReservedFilterGuard.Check(query.Body.Get("filter"), index, Meili.Errors.ErrorCode.InvalidDocumentFilter);
        if (!query.Understood)
        {
            return await NodeRelay.RelayOriginalAsync(cluster, index, original, cancellationToken).ConfigureAwait(false);
        }

        var fetch = "/indexes/" + Uri.EscapeDataString(index.Uid) + "/documents/fetch";
        using var counts = await Scatter.RunAsync(cluster, index, t => NodeCall.Post(fetch, query.NodeBody(t.Restriction, 0, 0)),
            0UL, cancellationToken).ConfigureAwait(false);
        if (counts.Rejection is { } rejection)
        {
            return await NodeRelay.RelayRejectionAsync(cluster, index, rejection, original, cancellationToken).ConfigureAwait(false);
        }

        if (counts.IsIncomplete && cluster.Scatter.UnavailableShardPolicy == UnavailableShardPolicy.Error)
        {
            return new ReadOutcome(503, ReadResponse.ShardUnavailable(counts.UncoveredShards), counts.UncoveredShards);
        }

        if (!JsonValues.IsNullOrAbsent(query.Body.Get("ids")))
        {
            return await ListByNodeAsync(cluster, index, query, counts, fetch, cancellationToken).ConfigureAwait(false);
        }

        // The per-shard counts (a `_miroir_shard` facet over the client's filter, which the first round validated).
        var search = "/indexes/" + Uri.EscapeDataString(index.Uid) + "/search";
        using var shardCounts = await Scatter.RunAsync(cluster, index, t => NodeCall.Post(search, query.ShardCountBody(t.Restriction)),
            0UL, cancellationToken).ConfigureAwait(false);
        var perShard = new long[index.Map.ShardCount];
        var owner = new int[index.Map.ShardCount];
        owner.AsSpan().Fill(-1);
        foreach (var reply in shardCounts.Replies)
        {
            ShardCounts.Read(reply.Memory.Span, perShard);
            foreach (var shard in reply.Target.Shards)
            {
                owner[shard] = reply.Target.Ordinal;
            }
        }

        var (slices, sequence) = DocumentListOrder.Window(perShard, query.Offset, query.Limit);
        var pages = new Task<NodeReply>?[perShard.Length];
        for (var shard = 0; shard < pages.Length; shard++)
        {
            var (from, to) = slices[shard];
            if (to > from && owner[shard] >= 0)
            {
                var target = new NodeTarget(owner[shard], [shard], Restrict: true);
                var body = query.NodeBody(target.Restriction, (int)from, (int)(to - from));
                pages[shard] = NodeCall.SendOrThrowAsync(cluster, index.Node(target.Ordinal), target, NodeCall.Post(fetch, body), cancellationToken);
            }
        }

        var replies = await Task.WhenAll(pages.OfType<Task<NodeReply>>()).ConfigureAwait(false);
        var degraded = new SortedSet<int>(counts.DegradedShards);
        degraded.UnionWith(shardCounts.DegradedShards);
        var documents = new List<Range>?[pages.Length];
        foreach (var page in replies)
        {
            if (page.IsSuccess)
            {
                ResultSlices.Find(page.Memory.Span, documents[page.Target.Shards[0]] = []);
            }
            else
            {
                degraded.UnionWith(page.Target.Shards);
            }
        }

        var bodies = new ReadOnlyMemory<byte>[pages.Length];
        foreach (var page in replies)
        {
            bodies[page.Target.Shards[0]] = page.Memory;
        }

        var written = WriteInterleaved(bodies, documents, sequence, query, perShard.Sum());
        foreach (var page in replies)
        {
            page.Dispose();
        }

        return new ReadOutcome(200, written, [.. degraded]);
    }

    /// <summary>With <c>ids</c>: the covering nodes in ordinal order, each node's documents in its own order.</summary>
    private static async Task<ReadOutcome> ListByNodeAsync(ReadCluster cluster, ReadIndex index, DocumentListQuery query,
        ScatterResult counts, string fetch, CancellationToken cancellationToken)
    {
        long total = 0;
        var pages = new List<Task<NodeReply>>();
        var windowEnd = (long)query.Offset + query.Limit;
        foreach (var reply in counts.Replies)
        {
            var count = ReadTotal(reply.Memory.Span);
            var from = Math.Max(query.Offset, total);
            var to = Math.Min(windowEnd, total + count);
            if (to > from)
            {
                var body = query.NodeBody(reply.Target.Restriction, (int)(from - total), (int)(to - from));
                pages.Add(NodeCall.SendOrThrowAsync(cluster, index.Node(reply.Target.Ordinal), reply.Target, NodeCall.Post(fetch, body), cancellationToken));
            }

            total += count;
        }

        var replies = await Task.WhenAll(pages).ConfigureAwait(false);
        var degraded = new SortedSet<int>(counts.DegradedShards);
        foreach (var page in replies)
        {
            if (!page.IsSuccess)
            {
                degraded.UnionWith(page.Target.Shards);
            }
        }

        var written = Write(replies, query, total);
        foreach (var page in replies)
        {
            page.Dispose();
        }

        return new ReadOutcome(200, written, [.. degraded]);
    }

    private static ReadOnlyMemory<byte> WriteInterleaved(ReadOnlyMemory<byte>[] bodies, List<Range>?[] documents,
        int[] sequence, DocumentListQuery query, long total)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        using var scratch = new PooledBufferWriter(1024);
        var next = new int[documents.Length];
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results"u8);
            foreach (var shard in sequence)
            {
                if (documents[shard] is { } list && next[shard] < list.Count)
                {
                    scratch.Clear();
                    HitFilter.Write(bodies[shard].Span[list[next[shard]++]], keepScore: true, keepDetails: true, scratch);
                    writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
                }
            }

            writer.WriteEndArray();
            writer.WriteNumber("offset"u8, query.Offset);
            writer.WriteNumber("limit"u8, query.Limit);
            writer.WriteNumber("total"u8, total);
            writer.WriteEndObject();
        }

        return output.WrittenMemory;
    }

    private static ReadOnlyMemory<byte> Write(NodeReply[] pages, DocumentListQuery query, long total)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        using var scratch = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results"u8);
            foreach (var page in pages)
            {
                if (page.IsSuccess)
                {
                    CopyResults(page.Memory.Span, writer, scratch);
                }
            }

            writer.WriteEndArray();
            writer.WriteNumber("offset"u8, query.Offset);
            writer.WriteNumber("limit"u8, query.Limit);
            writer.WriteNumber("total"u8, total);
            writer.WriteEndObject();
        }

        return output.WrittenMemory;
    }

    // Each document is copied as raw bytes minus the reserved fields; nothing is materialised.
    private static void CopyResults(ReadOnlySpan<byte> body, Utf8JsonWriter writer, PooledBufferWriter scratch)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isResults = reader.ValueTextEquals("results"u8);
            reader.Read();
            if (!isResults || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                scratch.Clear();
                HitFilter.Write(body.Slice(start, (int)reader.BytesConsumed - start), keepScore: true, keepDetails: true, scratch);
                writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            }
        }
    }

    private static long ReadTotal(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTotal = reader.ValueTextEquals("total"u8);
            reader.Read();
            if (isTotal && reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetInt64();
            }

            reader.Skip();
        }

        return 0;
    }
}
