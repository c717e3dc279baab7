using System.Globalization;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Rebalancing;

/// <summary>Waits on a node's asynchronous task queue (copies must be visible before they count as done).</summary>
internal static class NodeTasks
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until node task <paramref name="taskUid"/> finished; returns its final status.</summary>
    public static async Task<string> WaitAsync(NodeClient node, long taskUid, CancellationToken ct)
    {
        var path = "tasks/" + taskUid.ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            var response = await node.GetAsync(path, ct).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new MigrationException(node.Id, $"node `{node.Id}` did not report task {taskUid}: {response.Failure ?? response.Status.ToString(CultureInfo.InvariantCulture)}");
            }

            using (var document = response.Json())
            {
                var status = document.RootElement.GetProperty("status").GetString();
                if (status is "succeeded" or "failed" or "canceled")
                {
                    return status;
                }
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every task of <paramref name="index"/> enqueued on the node so far is processed
    /// (so writes routed before dual-writing began are readable before a shard is paged).</summary>
    public static async Task DrainAsync(NodeClient node, string index, CancellationToken ct)
    {
        var latest = await node.GetAsync("tasks?limit=1", ct).ConfigureAwait(false);
        var from = LatestUid(node, latest);
        if (from < 0)
        {
            return;
        }

        var path = "tasks?limit=1&statuses=enqueued,processing&indexUids=" + Uri.EscapeDataString(index) + "&from=" + from.ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            var response = await node.GetAsync(path, ct).ConfigureAwait(false);
            if (LatestUid(node, response) < 0)
            {
                return;
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private static long LatestUid(NodeClient node, NodeResponse response)
    {
        if (!response.IsSuccess)
        {
            throw new MigrationException(node.Id, $"node `{node.Id}` did not list its tasks: {response.Failure ?? response.Status.ToString(CultureInfo.InvariantCulture)}");
        }

        using var document = response.Json();
        var results = document.RootElement.GetProperty("results");
        return results.GetArrayLength() == 0 ? -1 : results[0].GetProperty("uid").GetInt64();
    }
}
