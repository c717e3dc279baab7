using System.Collections.Concurrent;
using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Settings;

/// <summary>
/// The two-phase settings change (spec §5, capabilities §13.5). Before the broadcast the current settings are
/// snapshotted; the Miroir task is held in <c>processing</c> until every node task finished, then each node's
/// settings are read back and their canonical hashes compared. All equal: the change commits (the index's
/// settings version is incremented and its faceting order and <c>maxTotalHits</c> recorded, durably). A node
/// task failed or the hashes differ: every node gets the snapshot back and the task fails. Reads served meanwhile
/// carry <c>X-Miroir-Settings-Inconsistent</c>.
/// </summary>
internal sealed class SettingsCommitter(ProxyContext context, CancellationToken stopping)
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>True while a settings change of <paramref name="uid"/> is between broadcast and commit.</summary>
    public bool IsInFlight(string uid) => _inFlight.ContainsKey(uid);

    /// <summary>The settings a node holds now (node form: reserved fields included), or null when the index does not exist yet or no node answered.</summary>
    public async Task<byte[]?> SnapshotAsync(string uid, CancellationToken ct)
    {
        var response = await AnyNode.SendAsync(context.Cluster.Nodes, HttpMethod.Get, SettingsPath(uid), ct: ct).ConfigureAwait(false);
        return response.IsSuccess ? response.Body : null;
    }

    public void Begin(string uid) => _inFlight.AddOrUpdate(uid, 1, static (_, n) => n + 1);

    /// <summary>Ends a change that never reached the verify phase (refused by the first node, no quorum).</summary>
    public void Abandon(string uid) => End(uid);

    /// <summary>Holds the task (call from the registration hook, before the poller sees it).</summary>
    public static void Hold(MiroirTask task) => task.Held = true;

    /// <summary>Verifies and commits (or rolls back) in the background once the node tasks finished.</summary>
    public void VerifyInBackground(MiroirTask task, string uid, byte[]? snapshot) =>
        _ = Task.Run(() => VerifyAsync(task, uid, snapshot), CancellationToken.None);

    private async Task VerifyAsync(MiroirTask task, string uid, byte[]? snapshot)
    {
        try
        {
            while (!task.NodeTasks.All(r => r.IsFinished))
            {
                await Task.Delay(context.Options.TaskPollInterval, context.Time, stopping).ConfigureAwait(false);
            }

            var nodes = NodesOf(task);
            var succeeded = task.NodeTasks.All(r => r.Status == TaskStatusNames.Succeeded);
            var settings = succeeded ? await ReadBackAsync(nodes, uid).ConfigureAwait(false) : null;
            if (settings is not null)
            {
                await CommitAsync(uid, settings).ConfigureAwait(false);
            }
            else
            {
                if (succeeded)
                {
                    task.OrchestratorError = DivergedError(uid);
                }

                if (snapshot is not null)
                {
                    await NodeFanout.SendAllAsync(nodes, n => n.SendAsync(HttpMethod.Patch, SettingsPath(uid), snapshot, "application/json", stopping)).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down: the version stays; the task finishes from its node tasks after the restart.
        }
        finally
        {
            task.Held = false; // the poller still has it pending and finishes it on its next round
            End(uid);
        }
    }

    /// <summary>Every node's settings; the common body when all hashes agree, else null.</summary>
    private async Task<byte[]?> ReadBackAsync(IReadOnlyList<NodeClient> nodes, string uid)
    {
        var answers = await NodeFanout.SendAllAsync(nodes, n => n.GetAsync(SettingsPath(uid), stopping)).ConfigureAwait(false);
        if (answers.Length == 0 || answers.Any(a => !a.IsSuccess))
        {
            return null;
        }

        var first = SettingsHash.Of(answers[0].Body);
        return answers.All(a => SettingsHash.Of(a.Body) == first) ? answers[0].Body : null;
    }

    private async Task CommitAsync(string uid, byte[] settings)
    {
        // A settings change on a missing index creates it on the nodes, as in Meilisearch.
        var meta = context.Cluster.FindIndex(uid) ?? new IndexMeta(uid, null, context.Cluster.DefaultShards);
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
        meta = context.Cluster.FindIndex(uid) ?? meta;
        await context.SaveIndexAsync(meta with
        {
            SortFacetValuesBy = orders is null || orders.All(o => o.Value == FacetValuesOrder.Alpha) ? null : orders,
            MaxTotalHits = maxTotalHits,
            SettingsVersion = meta.SettingsVersion + 1,
        }).ConfigureAwait(false);
    }

    private IReadOnlyList<NodeClient> NodesOf(MiroirTask task)
    {
        var ids = task.NodeTasks.Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        return [.. context.Cluster.Nodes.Where(n => ids.Contains(n.Id))];
    }

    private void End(string uid)
    {
        if (_inFlight.AddOrUpdate(uid, 0, static (_, n) => n - 1) <= 0)
        {
            _inFlight.TryRemove(new KeyValuePair<string, int>(uid, 0));
        }
    }

    private static string SettingsPath(string uid) => "indexes/" + Uri.EscapeDataString(uid) + "/settings";

    private static byte[] DivergedError(string uid) => JsonBytes.Write(uid, static (w, uid) => JsonOut.WriteError(w, "internal", "internal",
        "https://docs.meilisearch.com/errors#internal",
        $"The settings of index `{uid}` differ between nodes after the update (read back and compared); every node was rolled back to the previous settings."));
}
