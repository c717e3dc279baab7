using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary><c>/tasks</c>, <c>/tasks/{uid}</c>, <c>/tasks/cancel</c>, <c>DELETE /tasks</c>.</summary>
internal sealed class TaskRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/tasks", ListAsync);
        app.Get("/tasks/{uid}", GetAsync);
        app.Post("/tasks/cancel", CancelAsync);
        app.Delete("/tasks", DeleteAsync);
    }

    private Task ListAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        var (filter, query) = TaskQuery.Parse(ctx, paging: true);
        filter.IndexVisible = access.IndexVisible;
        var (limit, from, reverse) = (query.Limit, query.From, query.Reverse);
        var (page, total, next) = node.Tasks.Query(filter, limit, from, reverse);
        return JsonResponse.WriteAsync(ctx, 200, (page, total, next, limit, from), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var t in s.page)
            {
                TaskJson.WriteTask(w, t);
            }
            w.WriteEndArray();
            w.WriteNumber("total", s.total);
            w.WriteNumber("limit", s.limit);
            WriteNullable(w, "from", s.page.Count > 0 ? s.page[0].Uid : s.from);
            WriteNullable(w, "next", s.next);
            w.WriteEndObject();
        });
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private Task GetAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        var text = ctx.Route("uid");
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid))
        {
            throw new MeiliException(ErrorCode.InvalidTaskUids, $"Invalid value in parameter `taskUid`: could not parse `{text}` as a positive integer");
        }
        if (!node.Tasks.TryGet(uid, out var task) || task.IndexUid is { } i && !access.CanSee(i))
        {
            throw new MeiliException(ErrorCode.TaskNotFound, $"Task `{uid}` not found.");
        }
        return JsonResponse.WriteAsync(ctx, 200, task, TaskJson.WriteTask);
    }

    private Task CancelAsync(HttpContext ctx) => SelectAsync(ctx, TaskKind.TaskCancelation, "cancel", "canceledTasks");

    private Task DeleteAsync(HttpContext ctx) => SelectAsync(ctx, TaskKind.TaskDeletion, "delete", "deletedTasks");

    /// <summary>Cancel and delete: the matched uids are fixed now, the task acts on them when it runs.</summary>
    private async Task SelectAsync(HttpContext ctx, TaskKind kind, string verb, string countName)
    {
        var access = NodeAuth.Of(ctx);
        var (filter, _) = TaskQuery.Parse(ctx, paging: false);
        if (!filter.HasAny)
        {
            throw new MeiliException(ErrorCode.MissingTaskFilters,
                $"Query parameters to filter the tasks to {verb} are missing. Available query parameters are: {TaskQuery.FilterNames}.");
        }
        filter.IndexVisible = access.IndexVisible;
        var matched = node.Tasks.Match(filter);
        var data = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(data))
        {
            w.WriteStartArray();
            foreach (var t in matched)
            {
                w.WriteNumberValue(t.Uid);
            }
            w.WriteEndArray();
        }
        var details = TaskDetails.TaskSelection(matched.Count, countName, null, filter.OriginalQuery);
        var task = await node.EnqueueAsync(kind, null, new TaskPayload { Data = data.WrittenMemory.ToArray(), Count = matched.Count }, details).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }
}
