using Microsoft.Extensions.Logging;
using Miroir.Proxy.AntiEntropy;
using Miroir.Meili.Errors;
using Miroir.Proxy.Tasks;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Writes;

/// <summary>
/// After a restart, the intents a crash cut off mid fan-out (recorded, no node tasks attached): each is failed
/// durably with <c>miroir_write_interrupted</c> before the server takes requests, and the shards it touched are
/// reconciled across their replicas by a scoped anti-entropy pass started right away. Convergence, not repair
/// hints: the batch was never acknowledged, so no copy is known to be the right one and reads need not avoid any;
/// the reconciler makes the replicas agree (newest write stamp wins, tombstones win over copies).
/// </summary>
internal sealed class InterruptedWrites(TaskStore tasks, AntiEntropyReconciler reconciler, bool reconcile, BackgroundTasks background, TimeProvider time, ILogger logger)
{
    public const string Code = "miroir_write_interrupted";

    /// <summary>A pass that skipped shards (a replica unreachable) is retried this often, within the first minute.</summary>
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    private const int Attempts = 12;

    private static readonly byte[] Error = ErrorAnswers.Json(new ErrorAnswer(503, Code, "system",
        "Miroir restarted while this write was being sent to the nodes, before their tasks were recorded. Some documents may have been applied; the replicas of the shards it touched were reconciled."));

    /// <summary>Fails every interrupted intent durably; returns the (index, shards) they touched.</summary>
    public async Task<Dictionary<string, HashSet<int>>> FailAllAsync()
    {
        var scope = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var task in tasks.Interrupted())
        {
            var shards = task.Touches.SelectMany(t => t.Shards).Distinct().Order().ToArray();
            if (task.IndexUid is { } index && shards.Length > 0)
            {
                if (!scope.TryGetValue(index, out var set))
                {
                    scope[index] = set = [];
                }

                set.UnionWith(shards);
            }

            WritesLog.Interrupted(logger, task.Uid, task.IndexUid, string.Join(',', shards));
            await tasks.FailInterruptedAsync(task, Error).ConfigureAwait(false);
        }

        return scope;
    }

    /// <summary>Starts the scoped reconcile in the background (nothing to do without anti-entropy's write stamps).</summary>
    public void ReconcileInBackground(Dictionary<string, HashSet<int>> scope)
    {
        if (scope.Count > 0 && reconcile)
        {
            background.Run(ct => ReconcileAsync(scope, ct));
        }
    }

    private async Task ReconcileAsync(Dictionary<string, HashSet<int>> scope, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pass = await reconciler.RunScopedPassAsync(scope, ct).ConfigureAwait(false);
            var skipped = pass.Skipped.GroupBy(s => s.Index, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Shard).ToHashSet(), StringComparer.Ordinal);
            if (skipped.Count == 0)
            {
                return;
            }

            if (attempt == Attempts)
            {
                WritesLog.ReconcileIncomplete(logger, skipped.Sum(s => s.Value.Count));
                return;
            }

            scope = skipped;
            await Task.Delay(RetryEvery, time, ct).ConfigureAwait(false);
        }
    }
}
