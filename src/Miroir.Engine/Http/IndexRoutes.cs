using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Http;

/// <summary><c>/indexes</c>, <c>/indexes/{uid}</c>, <c>/indexes/{uid}/stats</c> and <c>/swap-indexes</c>.</summary>
internal sealed class IndexRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes", ListAsync);
        app.Post("/indexes", CreateAsync);
        app.Get("/indexes/{uid}", GetAsync);
        app.Patch("/indexes/{uid}", UpdateAsync);
        app.Delete("/indexes/{uid}", DeleteAsync);
        app.Get("/indexes/{uid}/stats", StatsAsync);
        app.Post("/swap-indexes", SwapAsync);
    }

    private Task ListAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        QueryParameterSet.Paging.Check(ctx.Request.Query);
        var offset = QueryParams.Int(ctx, "offset", 0, ErrorCode.InvalidIndexOffset);
        var limit = QueryParams.Int(ctx, "limit", 20, ErrorCode.InvalidIndexLimit);
        var all = node.Indexes.List().Where(i => access.CanSee(i.Uid)).ToList();
        return JsonResponse.WriteAsync(ctx, 200, (all, offset, limit), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var index in s.all.Skip(s.offset).Take(s.limit))
            {
                WriteIndex(w, index);
            }
            w.WriteEndArray();
            w.WriteNumber("offset", s.offset);
            w.WriteNumber("limit", s.limit);
            w.WriteNumber("total", s.all.Count);
            w.WriteEndObject();
        });
    }

    public static void WriteIndex(Utf8JsonWriter w, IndexHandle index)
    {
        w.WriteStartObject();
        w.WriteString("uid", index.Uid);
        w.WriteString("createdAt", TaskTime.Format(index.CreatedAt));
        w.WriteString("updatedAt", TaskTime.Format(index.UpdatedAt));
        if (index.PrimaryKey is null)
        {
            w.WriteNull("primaryKey");
        }
        else
        {
            w.WriteString("primaryKey", index.PrimaryKey);
        }
        w.WriteEndObject();
    }

    private async Task CreateAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var root = body!.RootElement;
        BodyFields.RequireObject(root);
        BodyFields.RejectUnknown(root, "uid", "primaryKey");
        if (!root.TryGetProperty("uid", out var uidValue))
        {
            throw new MeiliException(ErrorCode.MissingIndexUid, "Missing field `uid`");
        }
        if (uidValue.ValueKind != JsonValueKind.String)
        {
            throw new MeiliException(ErrorCode.InvalidIndexUid,
                $"Invalid value type at `.uid`: expected a string, but found {BodyFields.Describe(uidValue)}");
        }
        var uid = IndexUids.CheckField(uidValue.GetString()!, ".uid");
        NodeAuth.Of(ctx).Require(uid);
        var primaryKey = BodyFields.OptionalString(root, "primaryKey", ErrorCode.InvalidIndexPrimaryKey);
        var task = await node.EnqueueAsync(TaskKind.IndexCreation, uid,
            new TaskPayload { PrimaryKey = primaryKey }, TaskDetails.PrimaryKey(primaryKey)).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private Task GetAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var index = node.Indexes.Get(uid);
        return JsonResponse.WriteAsync(ctx, 200, index, WriteIndex);
    }

    private async Task UpdateAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var root = body!.RootElement;
        BodyFields.RequireObject(root);
        BodyFields.RejectUnknown(root, "primaryKey");
        var primaryKey = BodyFields.OptionalString(root, "primaryKey", ErrorCode.InvalidIndexPrimaryKey);
        var task = await node.EnqueueAsync(TaskKind.IndexUpdate, uid,
            new TaskPayload { PrimaryKey = primaryKey }, TaskDetails.PrimaryKey(primaryKey)).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var task = await node.EnqueueAsync(TaskKind.IndexDeletion, uid, TaskPayload.Empty, TaskDetails.Deleted(null)).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private Task StatsAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var index = node.Indexes.Get(uid);
        return JsonResponse.WriteAsync(ctx, 200, index, (w, i) => WriteStats(w, node, i));
    }

    public static void WriteStats(Utf8JsonWriter w, NodeContext node, IndexHandle index)
    {
        var count = index.Backend.DocumentCount;
        w.WriteStartObject();
        w.WriteNumber("numberOfDocuments", count);
        w.WriteBoolean("isIndexing", node.IsIndexing(index.Uid));
        w.WriteNumber("numberOfEmbeddings", 0);
        w.WriteNumber("numberOfEmbeddedDocuments", 0);
        w.WriteStartObject("fieldDistribution");
        foreach (var (field, n) in index.Backend.FieldDistribution().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(field, n);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Body: <c>[{"indexes": ["a", "b"]}, ...]</c>; an index may appear in one pair only.</summary>
    private async Task SwapAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var root = body!.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new MeiliException(ErrorCode.BadRequest, $"Invalid value type: expected an array, but found {BodyFields.Describe(root)}");
        }
        var pairs = new List<(string, string)>();
        var seen = new HashSet<string>();
        var i = 0;
        foreach (var swap in root.EnumerateArray())
        {
            if (swap.ValueKind != JsonValueKind.Object || !swap.TryGetProperty("indexes", out var indexes))
            {
                throw new MeiliException(ErrorCode.InvalidSwapIndexes, $"Missing field `indexes` at `[{i}]`");
            }
            if (indexes.ValueKind != JsonValueKind.Array || indexes.GetArrayLength() != 2
                || indexes.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                throw new MeiliException(ErrorCode.InvalidSwapIndexes,
                    $"Invalid value at `[{i}].indexes`: Two indexes must be given for each swap. The list `{indexes.GetRawText()}` contains {(indexes.ValueKind == JsonValueKind.Array ? indexes.GetArrayLength() : 0)} indexes.");
            }
            var a = IndexUids.CheckField(indexes[0].GetString()!, $"[{i}].indexes[0]");
            var b = IndexUids.CheckField(indexes[1].GetString()!, $"[{i}].indexes[1]");
            NodeAuth.Of(ctx).Require(a);
            NodeAuth.Of(ctx).Require(b);
            foreach (var uid in new[] { a, b })
            {
                if (!seen.Add(uid))
                {
                    throw new MeiliException(ErrorCode.InvalidSwapDuplicateIndexFound,
                        $"Indexes must be declared only once during a swap. `{uid}` was specified several times.");
                }
            }
            pairs.Add((a, b));
            i++;
        }
        var data = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(data))
        {
            w.WriteStartArray();
            foreach (var (a, b) in pairs)
            {
                w.WriteStartArray();
                w.WriteStringValue(a);
                w.WriteStringValue(b);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        var payload = new TaskPayload { Data = data.WrittenMemory.ToArray() };
        var task = await node.EnqueueAsync(TaskKind.IndexSwap, null, payload, TaskDetails.Swaps(pairs)).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }
}
