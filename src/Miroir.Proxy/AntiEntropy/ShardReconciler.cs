using System.Globalization;
using System.Text;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Compares and repairs one shard of one index across its replicas (spec §13.8): digest every replica; if they
/// differ, re-read the divergent buckets to list the divergent primary keys; then fetch those documents by id from
/// every replica (fresh copies, right before writing) and repair each one.
/// </summary>
internal sealed partial class ShardReconciler(ReconcileScope scope, IndexMeta index, int shard, NodeClient[] replicas)
{
    public async Task<ShardOutcome> RunAsync(CancellationToken ct)
    {
        var pagers = replicas.Select(n => new ReplicaPager(n, index.Uid, scope.Throttle)).ToArray();
        var digests = new ShardDigest[replicas.Length];
        var reads = new Task<string?>[replicas.Length];
        for (var r = 0; r < replicas.Length; r++)
        {
            var digest = digests[r] = new ShardDigest();
            var fingerprint = NewFingerprint();
            reads[r] = pagers[r].ReadShardAsync(shard, scope.PageSize, (page, documents) =>
            {
                foreach (var document in documents)
                {
                    if (fingerprint.Compute(page, document) is { } print)
                    {
                        digest.Add(print);
                    }
                }
            }, ct);
        }

        if (await FirstFailureAsync(reads).ConfigureAwait(false) is { } skipped)
        {
            return new ShardOutcome(null, skipped);
        }

        var buckets = DivergentBuckets(digests);
        if (buckets.Count == 0)
        {
            return ShardOutcome.Clean;
        }

        var (divergent, failure) = await DivergentKeysAsync(pagers, buckets, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return new ShardOutcome(null, failure);
        }

        if (divergent.Count == 0)
        {
            // The buckets differed while writes were landing and agree on the second read.
            return ShardOutcome.Clean;
        }

        var replicaDigests = replicas.Select((n, r) => new ReplicaDigest(n.Id, digests[r].Value().ToString("x16", CultureInfo.InvariantCulture), digests[r].Documents)).ToArray();
        var repaired = 0;
        if (scope.Repair)
        {
            (repaired, failure) = await RepairAsync(pagers, divergent, ct).ConfigureAwait(false);
            if (failure is not null)
            {
                return new ShardOutcome(new ShardMismatch(index.Uid, shard, divergent.Count, repaired, replicaDigests, TombstoneDeletes), failure);
            }
        }

        return new ShardOutcome(new ShardMismatch(index.Uid, shard, divergent.Count, repaired, replicaDigests, TombstoneDeletes), null);
    }

    private DocumentFingerprint NewFingerprint() => new(index.PrimaryKey!, scope.UpdatedAtField);

    private async Task<SkippedShard?> FirstFailureAsync(Task<string?>[] reads)
    {
        var failures = await Task.WhenAll(reads).ConfigureAwait(false);
        for (var r = 0; r < failures.Length; r++)
        {
            if (failures[r] is { } reason)
            {
                return Skip(r, reason);
            }
        }

        return null;
    }

    private SkippedShard Skip(int replica, string reason) => new(index.Uid, shard, replicas[replica].Id, reason);

    private static HashSet<int> DivergentBuckets(ShardDigest[] digests)
    {
        var buckets = new HashSet<int>();
        for (var b = 0; b < ShardDigest.BucketCount; b++)
        {
            for (var r = 1; r < digests.Length; r++)
            {
                if (digests[r].BucketDiffers(digests[0], b))
                {
                    buckets.Add(b);
                    break;
                }
            }
        }

        return buckets;
    }

    /// <summary>Re-reads the shard keeping (pk → hash) for documents of divergent buckets only; lists the keys whose copies differ.</summary>
    private async Task<(List<string> Keys, SkippedShard? Failure)> DivergentKeysAsync(ReplicaPager[] pagers, HashSet<int> buckets, CancellationToken ct)
    {
        var hashes = new Dictionary<string, ulong>[pagers.Length];
        var reads = new Task<string?>[pagers.Length];
        for (var r = 0; r < pagers.Length; r++)
        {
            var seen = hashes[r] = new Dictionary<string, ulong>(StringComparer.Ordinal);
            var fingerprint = NewFingerprint();
            reads[r] = pagers[r].ReadShardAsync(shard, scope.PageSize, (page, documents) =>
            {
                foreach (var document in documents)
                {
                    if (fingerprint.Compute(page, document) is { } print && buckets.Contains(print.Bucket))
                    {
                        seen[Encoding.UTF8.GetString(page, print.PkStart, print.PkLength)] = print.Hash;
                    }
                }
            }, ct);
        }

        if (await FirstFailureAsync(reads).ConfigureAwait(false) is { } skipped)
        {
            return ([], skipped);
        }

        var keys = new List<string>();
        foreach (var pk in hashes.SelectMany(h => h.Keys).Distinct(StringComparer.Ordinal))
        {
            var first = hashes[0].TryGetValue(pk, out var h0) ? h0 : (ulong?)null;
            if (first is null || hashes.Any(h => !h.TryGetValue(pk, out var hr) || hr != first))
            {
                keys.Add(pk);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return (keys, null);
    }
}
