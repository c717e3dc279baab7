using System.Globalization;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>Waits for one node task to finish, so a repair is only counted once the node applied it (and re-checked after).</summary>
internal static class NodeTaskWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Null once the task succeeded; otherwise why it did not (failed, canceled, unreachable, timed out).</summary>
    public static Task<string?> UntilFinishedAsync(NodeClient node, long taskUid, TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        WaitAsync(node, taskUid, timeout, time, anyEnd: false, ct);

    /// <summary>Null once the task ended in any way (someone else's task: only its having been applied matters); otherwise why not (unreachable, timed out).</summary>
    public static Task<string?> UntilEndedAsync(NodeClient node, long taskUid, TimeSpan timeout, TimeProvider time, CancellationToken ct) =>
        WaitAsync(node, taskUid, timeout, time, anyEnd: true, ct);

    private static async Task<string?> WaitAsync(NodeClient node, long taskUid, TimeSpan timeout, TimeProvider time, bool anyEnd, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var path = "tasks/" + taskUid.ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            var response = await node.GetAsync(path, ct).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                using var task = response.Json();
                var status = task.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
                switch (status)
                {
                    case "succeeded":
                        return null;
                    case "failed" or "canceled":
                        return anyEnd ? null : $"repair task {taskUid} on node `{node.Id}` {status}: {(task.RootElement.TryGetProperty("error", out var e) ? e.GetRawText() : "")}";
                }
            }

            if (time.GetElapsedTime(started) > timeout)
            {
                return $"repair task {taskUid} on node `{node.Id}` did not finish within {timeout.TotalSeconds} s";
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }
    }
}
