using System.Text;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Delete-by-filter tombstones: Miroir cannot evaluate a Meilisearch filter itself, so the replica holding the winning
/// copy decides, asked for those ids with the original filter. A copy it returns matched the delete and is deleted
/// everywhere; a filter the node refuses (a field no longer filterable) matches nothing, as the delete itself did.
/// </summary>
internal sealed partial class ShardReconciler
{
    private async Task<SkippedShard?> ApplyFilterTombstonesAsync(
        ReplicaPager[] pagers, Dictionary<string, DocumentCopy>[] copies, string[] chunk, RepairDecision[] decisions, CancellationToken ct)
    {
        // (replica holding the winner, filter) → positions in the chunk to ask about.
        Dictionary<(int Replica, Tombstone Filter), List<int>>? asks = null;
        for (var d = 0; d < chunk.Length; d++)
        {
            if (decisions[d] is not { Kind: RepairKind.WriteWinner, Winner: { } winner })
            {
                continue;
            }

            var filters = scope.Tombstones.FiltersSince(index.Uid, winner.Print.UpdatedAt);
            if (filters.Length == 0)
            {
                continue;
            }

            var pk = chunk[d];
            var holder = Array.FindIndex(copies, c => ReferenceEquals(c.GetValueOrDefault(pk), winner));
            foreach (var filter in filters)
            {
                asks ??= [];
                if (!asks.TryGetValue((holder, filter), out var positions))
                {
                    asks[(holder, filter)] = positions = [];
                }

                positions.Add(d);
            }
        }

        foreach (var ((replica, filter), positions) in asks ?? [])
        {
            var matched = new HashSet<string>(StringComparer.Ordinal);
            var fingerprint = NewFingerprint();
            var failure = await pagers[replica].ReadIdsAsync([.. positions.Select(p => chunk[p])], filter.Filter, (page, documents) =>
            {
                foreach (var document in documents)
                {
                    if (fingerprint.Compute(page, document) is { } print)
                    {
                        matched.Add(Encoding.UTF8.GetString(page, print.PkStart, print.PkLength));
                    }
                }
            }, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                return Skip(replica, failure);
            }

            foreach (var p in positions.Where(p => matched.Contains(chunk[p])))
            {
                decisions[p] = RepairDecision.Tombstoned;
            }
        }

        return null;
    }
}
