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

    private async Task<(int Repaired, SkippedShard? Failure)> RepairAsync(ReplicaPager[] pagers, List<string> divergent, CancellationToken ct)
    {
        var repaired = 0;
        foreach (var chunk in divergent.Chunk(scope.PageSize))
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
                return (repaired, skipped);
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
                    return (repaired, Skip(partial, $"node `{replicas[partial].Id}` returned document {pk} without `_miroir_shard`: copies are partial, repairing would lose fields"));
                }

                decisions[d] = RepairDecision.Decide(row, scope.NowMs, scope.Tombstones.DeletedAt(index.Uid, PrimaryKeyText.FromToken(pk)));
            }

            if (await ApplyFilterTombstonesAsync(pagers, copies, chunk, decisions, ct).ConfigureAwait(false) is { } filterFailure)
            {
                return (repaired, filterFailure);
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
                return (repaired, failed);
            }

            repaired += acted;
            TombstoneDeletes += tombstoned;
        }

        return (repaired, null);
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
