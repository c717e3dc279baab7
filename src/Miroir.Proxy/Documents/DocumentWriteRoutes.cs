using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Core.Configuration;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Routing;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Documents;

/// <summary>
/// Shard-routed document writes (spec §3): add/replace and add/update are split per node by the batch router
/// and sent in parallel after the task's intent is durable; the task is answered once every shard met
/// <c>write_quorum</c> in some group (copies that missed it become repair hints).
/// </summary>
internal sealed partial class DocumentWriteRoutes(
    AntiEntropyConfig antiEntropyConfig,
    TaskStore tasks,
    WriteCommit commit,
    TombstoneStore tombstones,
    IndexCreator creator,
    Broadcaster broadcaster,
    TimeProvider time)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Post("/indexes/{uid}/documents", ctx => AddAsync(ctx, HttpMethod.Post));
        app.Put("/indexes/{uid}/documents", ctx => AddAsync(ctx, HttpMethod.Put));
        app.Delete("/indexes/{uid}/documents/{id}", DeleteOneAsync);
        app.Post("/indexes/{uid}/documents/delete-batch", DeleteBatchAsync);
        app.Post("/indexes/{uid}/documents/delete", ctx => BroadcastDeleteAsync(ctx, HttpMethod.Post, "/documents/delete"));
        app.Delete("/indexes/{uid}/documents", ctx => BroadcastDeleteAsync(ctx, HttpMethod.Delete, "/documents"));
    }

    private async Task AddAsync(HttpContext ctx, HttpMethod method)
    {
        var uid = ctx.Route("uid");
        var format = FormatOf(ctx);
        var csvDelimiter = CsvDelimiter(ctx, format);
        using var body = await RequestBodies.ReadPooledAsync(ctx).ConfigureAwait(false);
        if (RequestBodies.IsBlank(body.WrittenSpan))
        {
            throw new ProxyException(ErrorCode.MissingPayload, $"A {FormatName(format)} payload is missing.");
        }

        // Refused before routing: a node would accept its share and only fail the task later.
        Utf8Check.EnsureDocuments(body.WrittenMemory, PayloadFormat(format), csvDelimiter);

        var cluster = ctx.ClusterView();
        var meta = cluster.FindIndex(uid);
        var queryKey = ctx.Request.Query["primaryKey"].ToString();
        string primaryKey;
        try
        {
            primaryKey = PrimaryKeyResolver.Resolve(uid, meta?.PrimaryKey, queryKey.Length == 0 ? null : queryKey, body.WrittenSpan, format, csvDelimiter);
        }
        catch (MeiliException e) when (e.Code == ErrorCode.IndexPrimaryKeyNoCandidateFound || e.Code == ErrorCode.IndexPrimaryKeyMultipleCandidatesFound)
        {
            await RefuseAsync(ctx, uid, body.WrittenSpan, format, e.Code.Name, e.Message).ConfigureAwait(false);
            return;
        }

        // One snapshot for the whole request: routing table, clients and quorum map must agree.
        var view = cluster.Snapshot.Writes(meta?.Shards ?? cluster.DefaultShards);
        // While anti-entropy is on, its write-time field is Miroir's: refused from clients, stamped on every document.
        var antiEntropy = antiEntropyConfig;
        var options = antiEntropy.Enabled
            ? new DocumentRoutingOptions(primaryKey, [antiEntropy.UpdatedAtField]) { CsvDelimiter = csvDelimiter, StampField = antiEntropy.UpdatedAtField }
            : new DocumentRoutingOptions(primaryKey) { CsvDelimiter = csvDelimiter };
        long? stamp = antiEntropy.Enabled ? time.GetUtcNow().ToUnixTimeMilliseconds() : null;
        RoutedBatch routed;
        try
        {
            routed = DocumentBatchRouter.Route(new ReadOnlySequence<byte>(body.WrittenMemory), format, view.Table, options, stamp);
        }
        catch (DocumentRoutingException e) when (e.Code == ErrorCode.MissingDocumentId.Name)
        {
            // As in Meilisearch the whole batch fails, asynchronously; no document of it was sent anywhere.
            await RefuseAsync(ctx, uid, body.WrittenSpan, format, e.Code, e.Message).ConfigureAwait(false);
            return;
        }

        using var batch = routed;
        body.Dispose(); // routed: the sub-batches hold copies, so the client's bytes go back to the pool before the sends

        // The batch is valid: only now may nodes be touched, and only once the intent is durable (index creation included).
        var shardCounts = batch.ShardCounts.ToArray();
        Func<int, bool> involved = s => shardCounts[s] > 0;
        var intent = await commit.BeginAsync(uid, "documentAdditionOrUpdate", TaskDetails.Documents(batch.TotalDocuments), 0, Touches(view, involved)).ConfigureAwait(false);
        NodeTaskRef[] auxiliary;
        try
        {
            // Every node gets the primary key; a creation no node could take is rolled back, so nothing was written.
            auxiliary = await creator.PrepareForDocumentsAsync(cluster, uid, primaryKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProxyException)
        {
            await commit.AbandonAsync(intent).ConfigureAwait(false);
            throw;
        }

        var path = "indexes/" + Uri.EscapeDataString(uid) + "/documents?primaryKey=" + Uri.EscapeDataString(primaryKey);
        var nodes = view.Nodes;
        var responses = new NodeResponse?[nodes.Count];
        var sends = new List<Task>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (batch.HasDocuments(i))
            {
                var ordinal = i;
                var subBatch = batch.BodyFor(i);
                // Not the request's token: a client hanging up mid fan-out must not cut the write in half.
                sends.Add(Task.Run(async () => responses[ordinal] = await nodes[ordinal].SendAsync(method, path, subBatch, "application/json").ConfigureAwait(false)));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        var quorum = await CompleteAsync(intent, view, responses, involved, auxiliary).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, intent, quorum, nodes).ConfigureAwait(false);
    }

    private Task RefuseAsync(HttpContext ctx, string uid, ReadOnlySpan<byte> body, DocumentFormat format, string code, string message) =>
        AcceptFailedAsync(ctx, RefusedBatch.RegisterAsync(tasks, uid, RefusedBatch.CountDocuments(body, format), code, message));

    private static async Task AcceptFailedAsync(HttpContext ctx, Task<MiroirTask> registering) =>
        await TaskAnswers.AcceptedAsync(ctx, await registering.ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Per node of the write view, the involved shards it is a write target of (the intent's record of what it touches).</summary>
    private static TouchedShards[] Touches(WriteView view, Func<int, bool> involvesShard)
    {
        var perNode = new List<int>?[view.Nodes.Count];
        for (var shard = 0; shard < view.Table.ShardCount; shard++)
        {
            if (involvesShard(shard))
            {
                foreach (var target in view.Table.TargetsOf(shard))
                {
                    (perNode[target] ??= []).Add(shard);
                }
            }
        }

        return [.. perNode.Select((shards, i) => shards is null ? null : new TouchedShards(view.Nodes[i].Id, [.. shards])).OfType<TouchedShards>()];
    }

    /// <remarks>Quorum and the task's node tasks count the current nodes only: a joining node's dual write is
    /// extra (the copy brings it anything it missed before reads switch).</remarks>
    private Task<WriteQuorum> CompleteAsync(MiroirTask intent, WriteView view, NodeResponse?[] responses, Func<int, bool> involvesShard, NodeTaskRef[]? auxiliary = null)
    {
        var nodes = view.Nodes;
        var acked = new bool[view.CurrentCount];
        var refs = new List<NodeTaskRef>();
        for (var i = 0; i < acked.Length; i++)
        {
            var taskUid = responses[i]?.TaskUid() ?? -1;
            if (taskUid >= 0)
            {
                acked[i] = true;
                refs.Add(new NodeTaskRef(nodes[i].Id, taskUid));
            }
        }

        return commit.CompleteAsync(intent, view.Map, nodes, acked, [.. auxiliary ?? [], .. refs], involvesShard, responses);
    }

    private static DocumentFormat FormatOf(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            throw new ProxyException(ErrorCode.MissingContentType,
                "A Content-Type header is missing. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`");
        }

        return DocumentFormats.TryFromContentType(contentType, out var format)
            ? format
            : throw new ProxyException(ErrorCode.InvalidContentType,
                $"The Content-Type `{contentType}` is invalid. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`");
    }

    private static byte CsvDelimiter(HttpContext ctx, DocumentFormat format)
    {
        var raw = ctx.Request.Query["csvDelimiter"].ToString();
        if (raw.Length == 0)
        {
            return (byte)',';
        }

        if (format != DocumentFormat.Csv)
        {
            throw new ProxyException(ErrorCode.InvalidDocumentCsvDelimiter, "The Content-Type must be `text/csv` to use the `csvDelimiter` parameter.");
        }

        return raw.Length == 1 && raw[0] < 128
            ? (byte)raw[0]
            : throw new ProxyException(ErrorCode.InvalidDocumentCsvDelimiter, $"Invalid value in parameter `csvDelimiter`: expected a string of one character, but found the following string of {Encoding.UTF8.GetByteCount(raw)} characters: `{raw}`");
    }

    private static DocumentPayloadFormat PayloadFormat(DocumentFormat format) => format switch
    {
        DocumentFormat.NdJson => DocumentPayloadFormat.Ndjson,
        DocumentFormat.Csv => DocumentPayloadFormat.Csv,
        _ => DocumentPayloadFormat.Json,
    };

    private static string FormatName(DocumentFormat format) => format switch
    {
        DocumentFormat.NdJson => "ndjson",
        DocumentFormat.Csv => "csv",
        _ => "json",
    };
}
