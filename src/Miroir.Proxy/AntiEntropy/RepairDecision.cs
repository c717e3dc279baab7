namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// What to do with one divergent document given each replica's copy (null = absent there), spec §13.8:
/// an expired copy anywhere deletes it everywhere (never resurrect); so does a tombstone (an accepted deletion by id or
/// delete-all) at or after the newest copy's updated-at: the replicas holding it missed the delete. Otherwise the
/// highest updated-at wins and is written wherever the copy differs or is missing (a write after the delete wins).
/// Absence alone never wins: a replica that lacks a document no tombstone covers may just have missed its write.
/// </summary>
internal readonly record struct RepairDecision(RepairKind Kind, DocumentCopy? Winner)
{
    /// <param name="copies">Each replica's copy, null where absent.</param>
    /// <param name="nowMs">The pass's clock: a copy expiring at or before it is deleted everywhere.</param>
    /// <param name="deletedAt">The newest tombstone covering this document (by id or delete-all), or null.</param>
    public static RepairDecision Decide(IReadOnlyList<DocumentCopy?> copies, long nowMs, long? deletedAt)
    {
        ArgumentNullException.ThrowIfNull(copies);
        DocumentCopy? winner = null;
        var winnerVotes = 0;
        var agree = true;
        foreach (var copy in copies)
        {
            if (copy is null)
            {
                agree = false;
                continue;
            }

            if (copy.Print.IsExpired(nowMs))
            {
                return new RepairDecision(RepairKind.DeleteEverywhere, null);
            }

            if (winner is null)
            {
                (winner, winnerVotes) = (copy, Votes(copies, copy));
                continue;
            }

            agree &= copy.Print.Hash == winner.Print.Hash;

            // Newest stamp first; on a tie the version most replicas hold; on a tie again the earlier replica
            // (shard-map order), so every orchestrator decides the same. Node task uids are per node, not comparable.
            var votes = Votes(copies, copy);
            if (copy.Print.UpdatedAt > winner.Print.UpdatedAt || (copy.Print.UpdatedAt == winner.Print.UpdatedAt && votes > winnerVotes))
            {
                (winner, winnerVotes) = (copy, votes);
            }
        }

        if (winner is null || agree)
        {
            return new RepairDecision(RepairKind.None, null);
        }

        return winner.Print.UpdatedAt <= deletedAt ? Tombstoned : new RepairDecision(RepairKind.WriteWinner, winner);
    }

    /// <summary>Delete from every replica holding a copy: a tombstone covers them all.</summary>
    public static RepairDecision Tombstoned { get; } = new(RepairKind.DeleteTombstoned, null);

    /// <summary>True when the replica holding <paramref name="copy"/> must receive the winner.</summary>
    public bool NeedsWrite(DocumentCopy? copy) => Kind == RepairKind.WriteWinner && (copy is null || copy.Print.Hash != Winner!.Print.Hash);

    private static int Votes(IReadOnlyList<DocumentCopy?> copies, DocumentCopy copy)
    {
        var votes = 0;
        foreach (var other in copies)
        {
            if (other is not null && other.Print.Hash == copy.Print.Hash)
            {
                votes++;
            }
        }

        return votes;
    }
}
