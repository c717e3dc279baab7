using System.Globalization;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// Copies one shard of one index from a node that holds it to a new owner: pages
/// <c>POST /indexes/{uid}/documents/fetch {"filter":"_miroir_shard = N"}</c> and adds each page (with the
/// index's primary key) to the target, then checks the target holds at least as many documents of the shard.
/// Documents a tombstone covers are not copied (<see cref="TombstonePageFilter"/>).
/// </summary>
internal sealed class ShardCopier(int batchSize, TimeSpan batchPause, TimeProvider time, TombstoneStore tombstones, string updatedAtField)
{
    /// <summary>Copies the shard; <paramref name="copied"/> is told each page's document count. Returns the documents copied.</summary>
    /// <exception cref="MigrationException">The source or the target failed (the exception names which).</exception>
    public async Task<long> CopyAsync(string uid, string primaryKey, int shard, NodeClient source, NodeClient target, Action<long> copied, CancellationToken ct)
    {
        await NodeTasks.DrainAsync(source, uid, ct).ConfigureAwait(false);
        var fetchPath = "indexes/" + Uri.EscapeDataString(uid) + "/documents/fetch";
        var addPath = "indexes/" + Uri.EscapeDataString(uid) + "/documents?primaryKey=" + Uri.EscapeDataString(primaryKey);
        var shardFilter = "_miroir_shard = " + shard.ToString(CultureInfo.InvariantCulture);
        var tombstoned = new TombstonePageFilter(tombstones, uid, primaryKey, updatedAtField);
        long total = 0;
        long dropped = 0;
        long lastTask = -1;
        for (var offset = 0; ; )
        {
            var page = await FetchAsync(source, fetchPath, shardFilter, offset, batchSize, ct).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var (documents, deleted) = tombstoned.Apply(page.Documents);
            dropped += deleted;
            if (deleted < page.Count)
            {
                var added = await target.SendAsync(HttpMethod.Post, addPath, documents, "application/json", ct).ConfigureAwait(false);
                lastTask = added.TaskUid();
                if (lastTask < 0)
                {
                    throw new MigrationException(target.Id, $"node `{target.Id}` refused a page of shard {shard} of `{uid}`: {Reason(added)}");
                }
            }

            total += page.Count - deleted;
            copied(page.Count - deleted);
            offset += page.Count;
            if (offset >= page.Total)
            {
                break;
            }

            if (batchPause > TimeSpan.Zero)
            {
                await Task.Delay(batchPause, time, ct).ConfigureAwait(false);
            }
        }

        if (lastTask >= 0 && await NodeTasks.WaitAsync(target, lastTask, ct).ConfigureAwait(false) != "succeeded")
        {
            throw new MigrationException(target.Id, $"node `{target.Id}` failed to add shard {shard} of `{uid}`.");
        }

        await VerifyAsync(uid, shard, source, target, fetchPath, shardFilter, dropped, ct).ConfigureAwait(false);
        return total;
    }

    /// <summary>Fewer documents on the target than on the source means a page was lost (a failed node task, or a
    /// delete shifting offsets mid-copy): the copy fails and is retried whole (adds are idempotent). Documents left
    /// out as tombstoned may still be on the source (it missed the delete; anti-entropy removes them there).</summary>
    private static async Task VerifyAsync(string uid, int shard, NodeClient source, NodeClient target, string fetchPath, string filter, long tombstoned, CancellationToken ct)
    {
        await NodeTasks.DrainAsync(target, uid, ct).ConfigureAwait(false);
        var onTarget = (await FetchAsync(target, fetchPath, filter, 0, 1, ct).ConfigureAwait(false)).Total;
        var onSource = (await FetchAsync(source, fetchPath, filter, 0, 1, ct).ConfigureAwait(false)).Total;
        if (onTarget + tombstoned < onSource)
        {
            throw new MigrationException(target.Id, $"node `{target.Id}` holds {onTarget} documents of shard {shard} of `{uid}`, the source `{source.Id}` {onSource}.");
        }
    }

    private static async Task<(byte[] Documents, int Count, long Total)> FetchAsync(NodeClient node, string path, string filter, int offset, int limit, CancellationToken ct)
    {
        var body = JsonBytes.Write((filter, offset, limit), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("filter", s.filter);
            w.WriteNumber("offset", s.offset);
            w.WriteNumber("limit", s.limit);
            w.WriteEndObject();
        });
        var response = await node.SendAsync(HttpMethod.Post, path, body, "application/json", ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new MigrationException(node.Id, $"node `{node.Id}` could not list documents: {Reason(response)}");
        }

        using var document = response.Json();
        var root = document.RootElement;
        var results = root.GetProperty("results");
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(results).ToArray();
        return (raw, results.GetArrayLength(), root.GetProperty("total").GetInt64());
    }

    internal static string Reason(NodeResponse response) =>
        response.Failure ?? response.Status.ToString(CultureInfo.InvariantCulture) + " " + System.Text.Encoding.UTF8.GetString(response.Body);
}
