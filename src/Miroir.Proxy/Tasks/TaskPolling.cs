using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// One polling round: batch the open node task uids per node, ask each node once, give up on the node tasks of dead
/// nodes (<see cref="DeadNodeTasks"/>), fold the rest into the Miroir tasks.
/// </summary>
internal static class TaskPolling
{
    /// <summary>Node task lookups per request; keeps the query string short.</summary>
    private const int UidsPerRequest = 200;

    public static async Task PollAsync(List<MiroirTask> tasks, ClusterState cluster, TaskStore store, DeadNodeTasks dead, TimeProvider time, CancellationToken ct)
    {
        var byNode = new Dictionary<string, Dictionary<long, List<NodeTaskRef>>>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task.IsFinished)
            {
                continue;
            }

            foreach (var r in task.NodeTasks)
            {
                if (r.IsFinished || r.GivenUp)
                {
                    continue;
                }

                ref var perNode = ref CollectionsMarshal.GetValueRefOrAddDefault(byNode, r.NodeId, out _);
                perNode ??= [];
                ref var refs = ref CollectionsMarshal.GetValueRefOrAddDefault(perNode, r.TaskUid, out _);
                (refs ??= []).Add(r);
            }
        }

        var lookups = new List<Task<List<NodeTaskRef>>>(byNode.Count);
        var view = cluster.View;
        foreach (var (nodeId, refs) in byNode)
        {
            var ordinal = view.Topology.GetOrdinal(nodeId);
            if (ordinal >= 0)
            {
                lookups.Add(LookupAsync(view.Nodes[ordinal], refs, ct));
            }
        }

        var lost = (await Task.WhenAll(lookups).ConfigureAwait(false)).SelectMany(l => l).ToHashSet();
        view = cluster.View; // health may have moved on while the nodes answered
        var now = time.GetUtcNow();
        // In uid order: a finisher that waits for earlier tasks sees them finished in the same round.
        foreach (var task in tasks)
        {
            if (task.Persisted)
            {
                continue;
            }

            if (!task.IsFinished)
            {
                await dead.GiveUpAsync(task, view, lost).ConfigureAwait(false);
            }

            if (task.Finisher is { } finisher && !task.IsFinished && task.NodeTasks.All(r => r.IsFinished || r.GivenUp))
            {
                await RunFinisherAsync(task, finisher).ConfigureAwait(false);
            }

            if (TaskAggregator.Recompute(task, now) || task.IsFinished)
            {
                await store.PersistCompletionAsync(task).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunFinisherAsync(MiroirTask task, Func<MiroirTask, Task<bool>> finisher)
    {
        try
        {
            if (!await finisher(task).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            task.OrchestratorError = ErrorAnswers.Json(ErrorAnswers.Internal(e));
        }

        task.Finisher = null;
    }

    /// <summary>Applies what the node reports; returns the node tasks it answered about without them (lost).</summary>
    private static async Task<List<NodeTaskRef>> LookupAsync(Nodes.NodeClient node, Dictionary<long, List<NodeTaskRef>> refs, CancellationToken ct)
    {
        var lost = new List<NodeTaskRef>();
        foreach (var chunk in refs.Keys.Chunk(UidsPerRequest))
        {
            var query = new StringBuilder("tasks?limit=").Append(chunk.Length).Append("&uids=");
            query.AppendJoin(',', chunk);
            var response = await node.GetAsync(query.ToString(), ct).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                continue; // unreachable now; the next round asks again
            }

            using var document = response.Json();
            var seen = new HashSet<long>();
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                var uid = result.GetProperty("uid").GetInt64();
                if (refs.TryGetValue(uid, out var matches))
                {
                    seen.Add(uid);
                    foreach (var r in matches)
                    {
                        Apply(result, r);
                    }
                }
            }

            foreach (var uid in chunk)
            {
                if (!seen.Contains(uid))
                {
                    lost.AddRange(refs[uid]);
                }
            }
        }

        return lost;
    }

    private static void Apply(JsonElement result, NodeTaskRef r)
    {
        r.StartedAt = Date(result, "startedAt");
        r.FinishedAt = Date(result, "finishedAt");
        if (result.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            r.Details = JsonMarshal.GetRawUtf8Value(details).ToArray();
        }

        if (result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            r.Error = JsonMarshal.GetRawUtf8Value(error).ToArray();
        }

        // Status last: the aggregator reads the other fields once it sees a finished status.
        r.Status = result.GetProperty("status").GetString() ?? TaskStatusNames.Enqueued;
    }

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture)
            : null;
}
