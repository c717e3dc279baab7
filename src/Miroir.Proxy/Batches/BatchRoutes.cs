using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;
using Miroir.Proxy.Http;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Batches;

/// <summary><c>GET /batches</c> and <c>GET /batches/{uid}</c>, derived from the task store (one batch per started task).</summary>
internal sealed class BatchRoutes(TaskStore tasks)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/batches", ListAsync);
        app.Get("/batches/{uid}", GetAsync);
    }

    /// <summary>Same filters and paging as <c>/tasks</c>; a batch is listed when its task matches them.</summary>
    private Task ListAsync(HttpContext ctx)
    {
        var page = TaskPage.Select(tasks, TaskQuery.Parse(ctx, paging: true), BatchJson.HasBatch);
        return JsonOut.WriteAsync(ctx, 200, page, static (w, p) => p.Write(w, BatchJson.WriteBatch));
    }

    private Task GetAsync(HttpContext ctx)
    {
        var raw = ctx.Route("uid");
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            throw new ProxyException(ErrorCode.InvalidBatchUids, $"Batch uid `{raw}` is invalid. It should only contain numeric characters.");
        }

        var task = tasks.Get(uid);
        if (task is null || !BatchJson.HasBatch(task))
        {
            throw new ProxyException(ErrorCode.BatchNotFound, $"Batch `{uid}` not found.");
        }

        return JsonOut.WriteAsync(ctx, 200, task, BatchJson.WriteBatch);
    }
}
