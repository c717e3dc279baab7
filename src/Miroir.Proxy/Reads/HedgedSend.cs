namespace Miroir.Proxy.Reads;

/// <summary>
/// One covering-set request with a hedge (spec §13.2, "The Tail at Scale"): if the node has not answered after its
/// hedge delay, its shards are asked of other replicas too; the first complete answer wins and the other is cancelled.
/// Replies not handed on (a loser's, a failed primary's once the hedge answers) are disposed here.
/// </summary>
internal static class HedgedSend
{
    public static async Task<TargetOutcome> SendAsync(ScatterRun run, NodeTarget target, CancellationToken cancellationToken)
    {
        var cluster = run.Cluster;
        cluster.HedgeBudget.Earn(cluster.Hedging.BudgetPercent);
        if (run.HedgeDelay(target) is not { } delay)
        {
            return new TargetOutcome((await TrackedCall.SendAsync(cluster, run.Index, target, run.Factory, cancellationToken, cancellationToken)
                .ConfigureAwait(false))!);
        }

        using var primaryCall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var primary = TrackedCall.SendAsync(cluster, run.Index, target, run.Factory, primaryCall.Token, cancellationToken);
        await ((Task)primary).WaitAsync(delay, cluster.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        if (primary.IsCompleted || run.HedgeTargets(target) is not { } hedges)
        {
            return new TargetOutcome((await primary.ConfigureAwait(false))!);
        }

        using var hedgeCall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hedge = SendAllAsync(run, hedges, hedgeCall.Token, cancellationToken);
        if (await Task.WhenAny(primary, hedge).ConfigureAwait(false) == primary)
        {
            var reply = (await primary.ConfigureAwait(false))!;
            if (!reply.Failed)
            {
                await hedgeCall.CancelAsync().ConfigureAwait(false);
                DisposeWhenDone(hedge);
                cluster.TailMetrics?.HedgeLost();
                return new TargetOutcome(reply);
            }

            // The node failed while the hedge was out: the hedge answers (or its failures go to the next round).
            reply.Dispose();
            cluster.TailMetrics?.HedgeWon();
            return new TargetOutcome((await hedge.ConfigureAwait(false))!, [target.Ordinal]);
        }

        var answers = (await hedge.ConfigureAwait(false))!;
        if (Array.TrueForAll(answers, static a => !a!.Failed))
        {
            await primaryCall.CancelAsync().ConfigureAwait(false);
            DisposeWhenDone(primary);
            cluster.TailMetrics?.HedgeWon();
            return new TargetOutcome(answers!, []);
        }

        // Part of the hedge failed first: the node's own answer decides; failed hedge nodes are not asked again.
        var own = (await primary.ConfigureAwait(false))!;
        cluster.TailMetrics?.HedgeLost();
        if (own.Failed)
        {
            own.Dispose();
            return new TargetOutcome(answers!, [target.Ordinal]);
        }

        int[] failed = [.. answers.Where(static a => a!.Failed).Select(static a => a!.Target.Ordinal)];
        foreach (var answer in answers)
        {
            answer!.Dispose();
        }

        return new TargetOutcome([own], failed);
    }

    // A cancelled loser may still bring a reply back (one that landed before the cancellation): nobody reads it.
    private static void DisposeWhenDone(Task<NodeReply?> call) =>
        _ = call.ContinueWith(static t => t.Result?.Dispose(), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static void DisposeWhenDone(Task<NodeReply?[]> calls) =>
        _ = calls.ContinueWith(static t =>
        {
            foreach (var reply in t.Result)
            {
                reply?.Dispose();
            }
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static async Task<NodeReply?[]> SendAllAsync(ScatterRun run, List<NodeTarget> targets, CancellationToken call,
        CancellationToken cancellationToken)
    {
        var calls = new Task<NodeReply?>[targets.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = TrackedCall.SendAsync(run.Cluster, run.Index, targets[i], run.Factory, call, cancellationToken);
        }

        return await Task.WhenAll(calls).ConfigureAwait(false);
    }
}
