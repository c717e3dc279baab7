using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Errors;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Tasks;

/// <summary>Orchestrator-local task routes: list and get Miroir tasks; cancel and delete fan out to the nodes' tasks.</summary>
internal sealed class TaskRoutes(TaskStore tasks, ClusterState cluster, TimeProvider time)
{
    private const string FilterNames =
        "`uids`, `batchUids`, `indexUids`, `types`, `statuses`, `canceledBy`, `beforeEnqueuedAt`, `afterEnqueuedAt`, `beforeStartedAt`, `afterStartedAt`, `beforeFinishedAt`, `afterFinishedAt`";

    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/tasks", ListAsync);
        app.Get("/tasks/{uid}", GetAsync);
        app.Post("/tasks/cancel", CancelAsync);
        app.Delete("/tasks", DeleteAsync);
        Resume();
    }

    /// <summary>
    /// Before polling resumes after a restart: a cancelation counts again the tasks it targeted; a deletion fails
    /// (the key restrictions it ran under are gone, so it deletes nothing and says so).
    /// </summary>
    private void Resume()
    {
        foreach (var task in tasks.Unfinished())
        {
            if (task.Type == "taskCancelation")
            {
                var matched = tasks.Newest().Where(t => t.CancelRequestedBy == task.Uid).ToList();
                task.Finisher = new CanceledCounter(matched, time).CountAsync;
            }
            else if (task.Type == "taskDeletion" && task.NodeTasks.Length == 0)
            {
                task.OrchestratorError = ErrorAnswers.Json(new ErrorAnswer(ErrorCode.Internal,
                    $"Task deletion {task.Uid} was interrupted by an orchestrator restart before it was processed; no task was deleted."));
            }
        }
    }

    private Task ListAsync(HttpContext ctx)
    {
        var page = TaskPage.Select(tasks, TaskQuery.Parse(ctx, paging: true), t => ClientAccess.CanSee(ctx, t.IndexUid));
        return JsonOut.WriteAsync(ctx, 200, page, static (w, p) => p.Write(w, TaskJson.WriteTask));
    }

    private Task GetAsync(HttpContext ctx)
    {
        var raw = ctx.Route("uid");
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            throw new ProxyException(ErrorCode.InvalidTaskUids, $"Task uid `{raw}` is invalid. It should only contain numeric characters.");
        }

        var task = tasks.Get(uid) is { } t && ClientAccess.CanSee(ctx, t.IndexUid)
            ? t
            : throw new ProxyException(ErrorCode.TaskNotFound, $"Task `{uid}` not found.");
        return JsonOut.WriteAsync(ctx, 200, task, TaskJson.WriteTask);
    }

    private async Task CancelAsync(HttpContext ctx)
    {
        var query = TaskQuery.Parse(ctx, paging: false);
        RequireFilter(query, "cancel");
        // As in Meilisearch every task the filter matches counts in matchedTasks; only unfinished ones can be canceled.
        var all = tasks.Newest().Where(t => query.Matches(t) && ClientAccess.CanSee(ctx, t.IndexUid)).ToList();
        var matched = all.Where(t => !t.IsFinished && t.Type is not ("taskCancelation" or "taskDeletion")).ToList();
        var responses = await SendToNodesAsync(ctx.ClusterView(), HttpMethod.Post, "tasks/cancel", matched, ctx.RequestAborted).ConfigureAwait(false);
        var refs = responses.Where(r => r.Response.TaskUid() >= 0).Select(r => new NodeTaskRef(r.Node.Id, r.Response.TaskUid())).ToArray();
        var details = FilterDetails("canceledTasks", all.Count, null, query.OriginalFilter);
        var counter = new CanceledCounter(matched, time);
        var task = await tasks.RegisterAsync(null, "taskCancelation", details, 0, refs, t =>
        {
            foreach (var target in matched)
            {
                target.CancelRequestedBy = t.Uid;
            }

            t.Finisher = counter.CountAsync;
        }).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues the deletion; as in Meilisearch it is processed after the tasks enqueued before it, so its filter
    /// is evaluated once those it may match finished (a task still enqueued or processing is never deleted).
    /// </summary>
    private async Task DeleteAsync(HttpContext ctx)
    {
        var query = TaskQuery.Parse(ctx, paging: false);
        RequireFilter(query, "delete");
        var access = ClientAccess.Of(ctx);
        var matched = tasks.Newest().Count(t => query.Matches(t) && ClientAccess.CanSee(access, t.IndexUid));
        var details = FilterDetails("deletedTasks", matched, null, query.OriginalFilter);
        var task = await tasks.RegisterAsync(null, "taskDeletion", details, 0, [],
            t => t.Finisher = deletion => DeleteMatchedAsync(deletion, query, access, matched)).ConfigureAwait(false);
        await TaskAnswers.AcceptedAsync(ctx, task).ConfigureAwait(false);
    }

    private async Task<bool> DeleteMatchedAsync(MiroirTask deletion, TaskQuery query, ClientAccess? access, int matchedCount)
    {
        var earlier = tasks.Newest().Where(t => t.Uid < deletion.Uid && ClientAccess.CanSee(access, t.IndexUid)).ToList();
        if (earlier.Any(t => !(t.IsFinished && t.Persisted) && query.MayMatchOnceFinished(t)))
        {
            return false;
        }

        var matched = earlier.Where(t => t.IsFinished && query.Matches(t)).ToList();

        // The node tasks go too (best effort: a node that is down keeps its own history until its TTL).
        await SendToNodesAsync(cluster.View, HttpMethod.Delete, "tasks", matched, CancellationToken.None).ConfigureAwait(false);
        await tasks.DeleteAsync(matched.Select(t => t.Uid).ToArray()).ConfigureAwait(false);
        deletion.Details = FilterDetails("deletedTasks", matchedCount, matched.Count, query.OriginalFilter);
        return true;
    }

    /// <summary>The details of a task cancelation or deletion: <c>matchedTasks</c>, the count (null until processed), <c>originalFilter</c>.</summary>
    private static byte[] FilterDetails(string countName, int matched, int? count, string originalFilter) =>
        TaskDetails.Write((countName, matched, count, originalFilter), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("matchedTasks", s.matched);
            if (s.count is { } n)
            {
                w.WriteNumber(s.countName, n);
            }
            else
            {
                w.WriteNull(s.countName);
            }

            w.WriteString("originalFilter", s.originalFilter);
            w.WriteEndObject();
        });

    private static void RequireFilter(TaskQuery query, string verb)
    {
        if (!query.HasFilter)
        {
            throw new ProxyException(ErrorCode.MissingTaskFilters,
                $"Query parameters to filter the tasks to {verb} are missing. Available query parameters are: {FilterNames}.");
        }
    }

    /// <summary>Sends <c>?uids=</c> of the mapped node tasks to each node that has some.</summary>
    private static async Task<List<(NodeClient Node, NodeResponse Response)>> SendToNodesAsync(ClusterView view, HttpMethod method, string path, List<MiroirTask> tasks, CancellationToken ct)
    {
        var byNode = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var t in tasks)
        {
            foreach (var r in t.NodeTasks)
            {
                if (!byNode.TryGetValue(r.NodeId, out var uids))
                {
                    byNode[r.NodeId] = uids = [];
                }

                uids.Add(r.TaskUid);
            }
        }

        var sends = new List<Task<(NodeClient, NodeResponse)>>();
        foreach (var (nodeId, uids) in byNode)
        {
            var ordinal = view.Topology.GetOrdinal(nodeId);
            if (ordinal < 0)
            {
                continue;
            }

            var node = view.Nodes[ordinal];
            var url = new StringBuilder(path).Append("?uids=").AppendJoin(',', uids).ToString();
            sends.Add(SendAsync(node, method, url, ct));
        }

        return [.. await Task.WhenAll(sends).ConfigureAwait(false)];
    }

    private static async Task<(NodeClient, NodeResponse)> SendAsync(NodeClient node, HttpMethod method, string url, CancellationToken ct) =>
        (node, await node.SendAsync(method, url, cancellationToken: ct).ConfigureAwait(false));
}
