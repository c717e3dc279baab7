using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary>The document routes of an index: add, replace, read, fetch and delete.</summary>
internal sealed partial class DocumentRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Post("/indexes/{uid}/documents", ctx => AddAsync(ctx, updateExisting: false));
        app.Put("/indexes/{uid}/documents", ctx => AddAsync(ctx, updateExisting: true));
        app.Get("/indexes/{uid}/documents", ListAsync);
        app.Post("/indexes/{uid}/documents/fetch", FetchAsync);
        app.Get("/indexes/{uid}/documents/{id}", GetOneAsync);
        app.Delete("/indexes/{uid}/documents/{id}", DeleteOneAsync);
        app.Post("/indexes/{uid}/documents/delete-batch", DeleteBatchAsync);
        app.Post("/indexes/{uid}/documents/delete", DeleteByFilterAsync);
        app.Delete("/indexes/{uid}/documents", DeleteAllAsync);
    }

    /// <summary>
    /// Parses the payload now (a malformed payload is a 400, as in Meilisearch), stores it
    /// framed in the task, and answers once the task record is durable.
    /// </summary>
    private async Task AddAsync(HttpContext ctx, bool updateExisting)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var primaryKey = QueryParams.String(ctx, "primaryKey");
        var body = await RequestBody.ReadAsync(ctx).ConfigureAwait(false);
        var format = DocumentContentType.Resolve(ctx.Request.ContentType, QueryParams.String(ctx, "csvDelimiter"), out var delimiter);
        var docs = DocumentPayloadParser.Parse(body, format, delimiter).Documents;
        var payload = new TaskPayload
        {
            Data = DocumentFrames.Encode(docs),
            PrimaryKey = primaryKey,
            UpdateExisting = updateExisting,
            Count = docs.Count,
        };
        var task = await node.EnqueueAsync(TaskKind.DocumentAdditionOrUpdate, uid, payload,
            TaskDetails.DocumentAddition(docs.Count, null)).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private async Task DeleteOneAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var ids = new[] { ctx.Route("id") };
        await EnqueueDeletionAsync(ctx, uid, IdsPayload(ids), TaskDetails.DocumentDeletionByIds(1, null)).ConfigureAwait(false);
    }

    private async Task DeleteBatchAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var root = body!.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new MeiliException(ErrorCode.BadRequest, $"Invalid value type: expected an array, but found {BodyFields.Describe(root)}");
        }
        var ids = new List<string>();
        foreach (var e in root.EnumerateArray())
        {
            ids.Add(e.ValueKind switch
            {
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.Number when e.TryGetInt64(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw DocumentIds.InvalidId(e.GetRawText()),
            });
        }
        await EnqueueDeletionAsync(ctx, uid, IdsPayload(ids), TaskDetails.DocumentDeletionByIds(ids.Count, null)).ConfigureAwait(false);
    }

    private async Task DeleteByFilterAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var filter = DeletionFilter.Validate(body!.RootElement);
        var data = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(data))
        {
            w.WriteStartObject();
            w.WritePropertyName("filter");
            filter.WriteTo(w);
            w.WriteEndObject();
        }
        var payload = new TaskPayload { Data = data.WrittenMemory.ToArray() };
        await EnqueueDeletionAsync(ctx, uid, payload, TaskDetails.DocumentDeletionByFilter(filter.GetRawText(), null)).ConfigureAwait(false);
    }

    private async Task DeleteAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        await EnqueueDeletionAsync(ctx, uid, TaskPayload.Empty, TaskDetails.Deleted(null)).ConfigureAwait(false);
    }

    private async Task EnqueueDeletionAsync(HttpContext ctx, string uid, TaskPayload payload, byte[] details)
    {
        var task = await node.EnqueueAsync(TaskKind.DocumentDeletion, uid, payload, details).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private static TaskPayload IdsPayload(IReadOnlyList<string> ids) => new()
    {
        Data = JsonSerializer.SerializeToUtf8Bytes(ids.ToArray(), NodeJsonContext.Default.StringArray),
        Count = ids.Count,
    };
}
