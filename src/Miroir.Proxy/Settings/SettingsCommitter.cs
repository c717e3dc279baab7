using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Settings;

/// <summary>
/// The two-phase settings change (spec §5, capabilities §13.5). Before the broadcast the current settings are
/// snapshotted; the Miroir task is held in <c>processing</c> until every node task finished (at most
/// <c>verify_timeout_s</c>), then each node's settings are read back and their canonical hashes compared. All equal,
/// or a strict majority equal and the others repaired to it: the change commits (the index's settings version is
/// incremented, the settings, faceting order and <c>maxTotalHits</c> recorded, durably). A node task failed or timed
/// out, or no majority agrees: every node gets the snapshot back and the task fails. Reads served meanwhile carry
/// <c>X-Miroir-Settings-Inconsistent</c>.
/// </summary>
internal sealed class SettingsCommitter(
    ClusterState cluster,
    IndexCatalog indexes,
    SettingsDriftReconciler drift,
    SettingsInFlight inFlight,
    SettingsBroadcastConfig config,
    TimeSpan pollInterval,
    TimeProvider time,
    BackgroundTasks background)
{
    private readonly CancellationToken _stopping = background.Stopping;
    private readonly ConcurrentDictionary<string, int> _verifying = new(StringComparer.Ordinal);

    /// <summary>True while a settings change of <paramref name="uid"/> is between broadcast and commit.</summary>
    public bool IsInFlight(string uid) => inFlight.Contains(uid);

    /// <summary>The settings a node holds now (node form: reserved fields included), or null when the index does not exist yet or no node answered.</summary>
    public async Task<byte[]?> SnapshotAsync(ClusterView view, string uid, CancellationToken ct)
    {
        var response = await AnyNode.SendAsync(view.Nodes, HttpMethod.Get, SettingsPath.Of(uid), ct: ct).ConfigureAwait(false);
        return response.IsSuccess ? response.Body : null;
    }

    /// <summary>Where the index's settings change stands (the latest phase when several overlap).</summary>
    public SettingsBroadcastPhase PhaseOf(string uid) =>
        _verifying.ContainsKey(uid) ? SettingsBroadcastPhase.Verify : IsInFlight(uid) ? SettingsBroadcastPhase.Propose : SettingsBroadcastPhase.Idle;

    public void Begin(string uid) => inFlight.Begin(uid);

    /// <summary>Ends a change that never reached the verify phase (refused by the first node, no quorum).</summary>
    public void Abandon(string uid) => inFlight.End(uid);

    /// <summary>Holds the task (call from the registration hook, before the poller sees it).</summary>
    public static void Hold(MiroirTask task) => task.Held = true;

    /// <summary>Verifies and commits (or rolls back) in the background once the node tasks finished.</summary>
    public void VerifyInBackground(MiroirTask task, string uid, byte[]? snapshot)
    {
        if (!background.Run(_ => VerifyAsync(task, uid, snapshot)))
        {
            // Shutting down: as for a verify cut short, the task finishes from its node tasks after the restart.
            task.Held = false;
            inFlight.End(uid);
        }
    }

    private async Task VerifyAsync(MiroirTask task, string uid, byte[]? snapshot)
    {
        try
        {
            var timeout = TimeSpan.FromSeconds(config.VerifyTimeoutS);
            var started = time.GetTimestamp();
            while (!task.NodeTasks.All(r => r.IsFinished))
            {
                if (time.GetElapsedTime(started) > timeout)
                {
                    // Node queues run in order: the snapshot lands after the change whenever it finishes.
                    task.OrchestratorError = TimedOutError(uid, timeout);
                    await RollBackAsync(NodesOf(task), uid, snapshot).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(pollInterval, time, _stopping).ConfigureAwait(false);
            }

            Count(_verifying, uid, 1);
            try
            {
                await VerifyFinishedAsync(task, uid, snapshot).ConfigureAwait(false);
            }
            finally
            {
                Count(_verifying, uid, -1);
            }
        }
        catch (Exception e) when (_stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down: the version stays; the task finishes from its node tasks after the restart.
        }
        finally
        {
            task.Held = false; // the poller still has it pending and finishes it on its next round
            inFlight.End(uid);
        }
    }

    /// <summary>
    /// Every node task finished. All nodes read back the same settings: commit. A strict majority agrees: the others
    /// get the majority's settings back (<c>max_repair_retries</c>), the change commits, and nodes still different
    /// freeze the index's writes. Otherwise (a node task failed, a node unreadable, no majority): roll back.
    /// </summary>
    private async Task VerifyFinishedAsync(MiroirTask task, string uid, byte[]? snapshot)
    {
        var nodes = NodesOf(task);
        if (!task.NodeTasks.All(r => r.Status == TaskStatusNames.Succeeded))
        {
            await RollBackAsync(nodes, uid, snapshot).ConfigureAwait(false);
            return;
        }

        var answers = await NodeFanout.SendAllAsync(nodes, n => n.GetAsync(SettingsPath.Of(uid), _stopping)).ConfigureAwait(false);
        var hashes = answers.Select(a => a.IsSuccess ? SettingsHash.Of(a.Body) : null).ToArray();
        var majority = answers.Length == 0 || hashes.Any(h => h is null)
            ? null
            : hashes.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() * 2 > hashes.Length)?.Key;
        if (majority is null)
        {
            task.OrchestratorError = DivergedError(uid);
            await RollBackAsync(nodes, uid, snapshot).ConfigureAwait(false);
            return;
        }

        var settings = answers[Array.IndexOf(hashes, majority)].Body;
        NodeClient[] odd = [.. nodes.Where((_, i) => hashes[i] != majority)];
        if (odd.Length > 0)
        {
            drift.CountMismatches(odd.Length);
            var left = await drift.Repair.ApplyAsync(uid, settings, majority, odd, _stopping).ConfigureAwait(false);
            drift.CountRepairs(odd.Length - left.Count);
            drift.ReportUnrepairable(uid, left);
        }

        await CommitAsync(uid, settings).ConfigureAwait(false);
    }

    private async Task RollBackAsync(IReadOnlyList<NodeClient> nodes, string uid, byte[]? snapshot)
    {
        if (snapshot is not null)
        {
            await NodeFanout.SendAllAsync(nodes, n => n.SendAsync(HttpMethod.Patch, SettingsPath.Of(uid), snapshot, "application/json", _stopping)).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(string uid, byte[] settings)
    {
        // A settings change on a missing index creates it on the nodes, as in Meilisearch.
        var current = cluster.View;
        var meta = current.FindIndex(uid) ?? new IndexMeta(uid, null, current.DefaultShards);
        using var document = JsonDocument.Parse(settings);
        var root = document.RootElement;
        var orders = root.TryGetProperty("faceting", out var f) && f.ValueKind == JsonValueKind.Object
            && f.TryGetProperty("sortFacetValuesBy", out var s) && s.ValueKind == JsonValueKind.Object
                ? s.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.ValueEquals("count") ? FacetValuesOrder.Count : FacetValuesOrder.Alpha, StringComparer.Ordinal)
                : null;
        var maxTotalHits = root.TryGetProperty("pagination", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("maxTotalHits", out var m) && m.TryGetInt32(out var hits)
                ? hits
                : IndexMeta.DefaultMaxTotalHits;

        // Re-read: the facet limit may have been recorded while this change was verified.
        meta = cluster.View.FindIndex(uid) ?? meta;
        await indexes.SaveAsync(meta with
        {
            SortFacetValuesBy = orders is null || orders.All(o => o.Value == FacetValuesOrder.Alpha) ? null : orders,
            MaxTotalHits = maxTotalHits,
            SettingsVersion = meta.SettingsVersion + 1,
            CommittedSettings = Encoding.UTF8.GetString(settings),
        }).ConfigureAwait(false);
    }

    private IReadOnlyList<NodeClient> NodesOf(MiroirTask task)
    {
        var ids = task.NodeTasks.Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        return [.. cluster.View.Nodes.Where(n => ids.Contains(n.Id))];
    }

    private static void Count(ConcurrentDictionary<string, int> counts, string uid, int delta)
    {
        if (counts.AddOrUpdate(uid, delta, (_, n) => n + delta) <= 0)
        {
            counts.TryRemove(new KeyValuePair<string, int>(uid, 0));
        }
    }

    private static byte[] TimedOutError(string uid, TimeSpan timeout) => ErrorAnswers.Json(new ErrorAnswer(ErrorCode.Internal,
        $"The settings update of index `{uid}` did not finish on every node within {timeout.TotalSeconds} s (`settings_broadcast.verify_timeout_s`); every node gets the previous settings back."));

    private static byte[] DivergedError(string uid) => ErrorAnswers.Json(new ErrorAnswer(ErrorCode.Internal,
        $"The settings of index `{uid}` differ between nodes after the update (read back and compared) and no majority of nodes agrees, or a node could not be read back; every node was rolled back to the previous settings."));
}
