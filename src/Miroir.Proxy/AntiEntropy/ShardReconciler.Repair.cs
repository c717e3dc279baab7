using System.Text;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>Repair: fresh copies by id, one decision per document, then one write and one delete batch per replica.</summary>
internal sealed partial class ShardReconciler
{
    /// <summary>How long a repair waits for the nodes to apply it before reporting the shard.</summary>
    private static readonly TimeSpan RepairTaskTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Documents deleted everywhere because a tombstone covers them (part of the repaired count).</summary>
    private int TombstoneDeletes { get; set; }

    /// <summary>
    /// A chunk is re-read and decided again after its repair landed: a client write may have reached some replica
    /// between the read and the copy, and the copy must never leave an older revision on top of it (issue 17.3).
    /// Rounds go on until the chunk's copies agree; after this many the shard is reported and retried later.
    /// </summary>
    private const int MaxRounds = 4;

    private async Task<(int Repaired, SkippedShard? Failure)> RepairAsync(ReplicaPager[] pagers, List<string> divergent, CancellationToken ct)
    {
        var repaired = 0;
        foreach (var chunk in divergent.Chunk(scope.PageSize))
        {
            for (var round = 1; ; round++)
            {
                if (round > 1 && await SettleAsync(ct).ConfigureAwait(false) is { } unsettled)
                {
                    return (repaired, unsettled);
                }

                var (acted, failure) = await RepairRoundAsync(pagers, chunk, ct).ConfigureAwait(false);
                if (failure is not null)
                {
                    return (repaired, failure);
                }

                repaired += round == 1 ? acted : 0;
                if (acted == 0)
                {
                    break;
                }

                if (round == MaxRounds)
                {
                    return (repaired, Skip(0, $"documents of the shard kept changing over {MaxRounds} repair rounds; retried later"));
                }
            }
        }

        return (repaired, null);
    }

    /// <summary>
    /// Waits until every replica applied the writes it had queued for the index: a client write that reached one
    /// replica before the repair copy is then visible to the next round's read.
    /// </summary>
    private async Task<SkippedShard?> SettleAsync(CancellationToken ct)
    {
        var waits = new Task<string?>[replicas.Length];
        for (var r = 0; r < replicas.Length; r++)
        {
            waits[r] = LatestTaskFinishedAsync(replicas[r], ct);
        }

        return await FirstFailureAsync(waits).ConfigureAwait(false);
    }

    private async Task<string?> LatestTaskFinishedAsync(NodeClient node, CancellationToken ct)
    {
        var response = await node.GetAsync("tasks?limit=1&statuses=enqueued,processing&indexUids=" + Uri.EscapeDataString(index.Uid), ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Failure ?? $"node `{node.Id}` answered {response.Status} to GET /tasks";
        }

        using var tasks = response.Json();
        foreach (var task in tasks.RootElement.GetProperty("results").EnumerateArray())
        {
            // Tasks are applied in uid order, and this is the newest one still queued.
            return await NodeTaskWait.UntilEndedAsync(node, task.GetProperty("uid").GetInt64(), RepairTaskTimeout, scope.Time, ct).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Reads every replica's copy of the chunk, decides, and applies; the number of documents acted on.</summary>
    private async Task<(int Acted, SkippedShard? Failure)> RepairRoundAsync(ReplicaPager[] pagers, string[] chunk, CancellationToken ct)
    {
        var copies = new Dictionary<string, DocumentCopy>[pagers.Length];
        var reads = new Task<string?>[pagers.Length];
        for (var r = 0; r < pagers.Length; r++)
        {
            var found = copies[r] = new Dictionary<string, DocumentCopy>(StringComparer.Ordinal);
            var fingerprint = NewFingerprint();
            reads[r] = pagers[r].ReadIdsAsync(chunk, null, (page, documents) =>
            {
                foreach (var document in documents)
                {
                    if (fingerprint.Compute(page, document) is { } print)
                    {
                        found[Encoding.UTF8.GetString(page, print.PkStart, print.PkLength)] = new DocumentCopy(print, page.AsMemory(document));
                    }
                }
            }, ct);
        }

        if (await FirstFailureAsync(reads).ConfigureAwait(false) is { } skipped)
        {
            return (0, skipped);
        }

        var decisions = new RepairDecision[chunk.Length];
        var row = new DocumentCopy?[pagers.Length];
        for (var d = 0; d < chunk.Length; d++)
        {
            var pk = chunk[d];
            FillRow(copies, pk, row);
            if (Array.FindIndex(row, c => c is not null && !c.Print.IsWhole) is var partial and >= 0)
            {
                // A node that hides fields from the documents API (displayedAttributes on Meilisearch before
                // v0.28) returns partial copies; writing one back would drop the hidden fields.
                return (0, Skip(partial, $"node `{replicas[partial].Id}` returned document {pk} without `_miroir_shard`: copies are partial, repairing would lose fields"));
            }

            decisions[d] = RepairDecision.Decide(row, scope.NowMs, scope.Tombstones.DeletedAt(index.Uid, PrimaryKeyText.FromToken(pk)));
        }

        if (await ApplyFilterTombstonesAsync(pagers, copies, chunk, decisions, ct).ConfigureAwait(false) is { } filterFailure)
        {
            return (0, filterFailure);
        }

        var writes = new List<ReadOnlyMemory<byte>>[pagers.Length];
        var deletes = new List<string>[pagers.Length];
        for (var r = 0; r < pagers.Length; r++)
        {
            (writes[r], deletes[r]) = ([], []);
        }

        var acted = 0;
        var tombstoned = 0;
        for (var d = 0; d < chunk.Length; d++)
        {
            var (pk, decision) = (chunk[d], decisions[d]);
            if (decision.Kind == RepairKind.None)
            {
                continue;
            }

            acted++;
            tombstoned += decision.Kind == RepairKind.DeleteTombstoned ? 1 : 0;
            FillRow(copies, pk, row);
            for (var r = 0; r < row.Length; r++)
            {
                if (decision.Kind is RepairKind.DeleteEverywhere or RepairKind.DeleteTombstoned && row[r] is not null)
                {
                    deletes[r].Add(pk);
                }
                else if (decision.NeedsWrite(row[r]))
                {
                    writes[r].Add(decision.Winner!.Raw);
                }
            }
        }

        var sends = new Task<string?>[pagers.Length];
        for (var r = 0; r < pagers.Length; r++)
        {
            sends[r] = ApplyAsync(pagers[r].Node, writes[r], deletes[r], ct);
        }

        if (await FirstFailureAsync(sends).ConfigureAwait(false) is { } failed)
        {
            return (0, failed);
        }

        TombstoneDeletes += tombstoned;
        return (acted, null);
    }

    private static void FillRow(Dictionary<string, DocumentCopy>[] copies, string pk, DocumentCopy?[] row)
    {
        for (var r = 0; r < row.Length; r++)
        {
            row[r] = copies[r].GetValueOrDefault(pk);
        }
    }

    /// <summary>Writes and deletes on one replica, then waits until the node applied both; null on success.</summary>
    private async Task<string?> ApplyAsync(NodeClient node, List<ReadOnlyMemory<byte>> writes, List<string> deletes, CancellationToken ct)
    {
        var path = "indexes/" + Uri.EscapeDataString(index.Uid) + "/documents";
        if (writes.Count > 0)
        {
            var failure = await SendAndWaitAsync(node, path, JsonArray(writes), ct).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        return deletes.Count == 0
            ? null
            : await SendAndWaitAsync(node, path + "/delete-batch", JsonArray(deletes.Select(d => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(d))), ct).ConfigureAwait(false);
    }

    private async Task<string?> SendAndWaitAsync(NodeClient node, string path, byte[] body, CancellationToken ct)
    {
        var response = await node.SendAsync(HttpMethod.Post, path, body, "application/json", ct).ConfigureAwait(false);
        var taskUid = response.TaskUid();
        return taskUid < 0
            ? response.Failure ?? $"node `{node.Id}` refused the repair ({response.Status}): {Encoding.UTF8.GetString(response.Body)}"
            : await NodeTaskWait.UntilFinishedAsync(node, taskUid, RepairTaskTimeout, scope.Time, ct).ConfigureAwait(false);
    }

    /// <summary><c>[a,b,...]</c> from raw JSON values.</summary>
    private static byte[] JsonArray(IEnumerable<ReadOnlyMemory<byte>> values)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'[');
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(value.Span);
            first = false;
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }
}
