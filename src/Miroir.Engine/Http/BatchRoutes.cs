using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Http;

/// <summary>
/// <c>/batches</c> and <c>/batches/{uid}</c>. The node runs one task per batch, so a batch is
/// derived from the task that carries its uid.
/// </summary>
internal sealed class BatchRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/batches", ListAsync);
        app.Get("/batches/{uid}", GetAsync);
    }

    private Task ListAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        var (filter, query) = TaskQuery.Parse(ctx, paging: true);
        filter.IndexVisible = access.IndexVisible;
        var (limit, from, reverse) = (query.Limit, query.From, query.Reverse);
        var batches = node.Tasks.Match(filter).Where(t => t.BatchUid is not null).OrderBy(t => t.BatchUid).ToList();
        if (!reverse)
        {
            batches.Reverse();
        }
        var total = batches.Count;
        var page = batches.Where(t => from is null || (reverse ? t.BatchUid >= from : t.BatchUid <= from)).Take(limit + 1).ToList();
        long? next = page.Count > limit ? page[limit].BatchUid : null;
        page = page.Take(limit).ToList();
        return JsonResponse.WriteAsync(ctx, 200, (page, total, limit, next), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var t in s.page)
            {
                WriteBatch(w, t);
            }
            w.WriteEndArray();
            w.WriteNumber("total", s.total);
            w.WriteNumber("limit", s.limit);
            if (s.page.Count > 0)
            {
                w.WriteNumber("from", s.page[0].BatchUid!.Value);
            }
            else
            {
                w.WriteNull("from");
            }
            if (s.next is { } n)
            {
                w.WriteNumber("next", n);
            }
            else
            {
                w.WriteNull("next");
            }
            w.WriteEndObject();
        });
    }

    private Task GetAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        var text = ctx.Route("uid");
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid))
        {
            throw new MeiliException(ErrorCode.InvalidBatchUids, $"Batch uid `{text}` is invalid. It should only contain numeric characters.");
        }
        var task = node.Tasks.Match(new TaskFilter { BatchUids = new HashSet<long> { uid }, IndexVisible = access.IndexVisible }).FirstOrDefault()
            ?? throw new MeiliException(ErrorCode.BatchNotFound, $"Batch `{uid}` not found.");
        return JsonResponse.WriteAsync(ctx, 200, task, WriteBatch);
    }

    private static void WriteBatch(Utf8JsonWriter w, EngineTask t) =>
        BatchOfOneJson.Write(w, t.BatchUid!.Value, t.Details, t.Status.Name(), t.Kind.Name(), t.IndexUid, t.StartedAt, t.FinishedAt);
}
