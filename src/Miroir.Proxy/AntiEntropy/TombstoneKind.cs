namespace Miroir.Proxy.AntiEntropy;

/// <summary>What a tombstone covers: the deletion it stands for.</summary>
internal enum TombstoneKind
{
    /// <summary>Documents deleted by id (one id or a batch).</summary>
    Ids,

    /// <summary>Documents deleted by a filter, decided by a replica at repair time.</summary>
    Filter,

    /// <summary>Every document of the index (delete-all): the index's "cleared at" time.</summary>
    All,
}
