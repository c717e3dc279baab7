using System.Text;
using Miroir.Core.Configuration;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Puts an index's reference settings back onto nodes that read back something else (spec §13.5): a whole-settings
/// PATCH per node, its node task awaited (at most <c>verify_timeout_s</c>), then a read-back compared by hash. Up to
/// <c>max_repair_retries</c> attempts, 250 ms, 500 ms, … apart. A PATCH merges <c>embedders</c>, so an embedder
/// added on one node out of band is never removed here (that would delete its vectors): such a node stays unrepaired.
/// </summary>
internal sealed class SettingsRepair(SettingsBroadcastConfig config, TimeProvider time)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The nodes still different after the last attempt, each with why (empty: every node repaired).</summary>
    public async Task<IReadOnlyList<(NodeClient Node, string Reason)>> ApplyAsync(
        string uid, byte[] settings, string hash, IReadOnlyList<NodeClient> nodes, CancellationToken ct)
    {
        var remaining = nodes.Select(n => (Node: n, Reason: "")).ToList();
        var backoff = FirstBackoff;
        for (var attempt = 1; ; attempt++)
        {
            var outcomes = await Task.WhenAll(remaining.Select(r => ApplyOneAsync(r.Node, uid, settings, hash, ct))).ConfigureAwait(false);
            remaining = [.. remaining.Zip(outcomes).Where(x => x.Second is not null).Select(x => (x.First.Node, x.Second!))];
            if (remaining.Count == 0 || attempt >= config.MaxRepairRetries)
            {
                return remaining;
            }

            await Task.Delay(backoff, time, ct).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>Null once the node reads back <paramref name="hash"/>; otherwise why not.</summary>
    private async Task<string?> ApplyOneAsync(NodeClient node, string uid, byte[] settings, string hash, CancellationToken ct)
    {
        var path = SettingsPath.Of(uid);
        var sent = await node.SendAsync(HttpMethod.Patch, path, settings, "application/json", ct).ConfigureAwait(false);
        if (!sent.Reached)
        {
            return "unreachable: " + sent.Failure;
        }

        var taskUid = sent.TaskUid();
        if (taskUid < 0)
        {
            return $"refused the settings ({sent.Status}): {Encoding.UTF8.GetString(sent.Body)}";
        }

        var failed = await NodeTaskWait.UntilFinishedAsync(node, taskUid, TimeSpan.FromSeconds(config.VerifyTimeoutS), time, ct).ConfigureAwait(false);
        if (failed is not null)
        {
            return failed;
        }

        var back = await node.GetAsync(path, ct).ConfigureAwait(false);
        if (!back.IsSuccess)
        {
            return back.Reached ? $"answered {back.Status} to the settings read-back" : "unreachable: " + back.Failure;
        }

        return SettingsHash.Of(back.Body) == hash ? null : "still holds different settings after the repair";
    }
}
