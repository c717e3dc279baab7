namespace Miroir.Proxy.AntiEntropy;

/// <summary>The repair a divergent document gets.</summary>
internal enum RepairKind
{
    /// <summary>The copies agree (the divergence healed since it was seen).</summary>
    None,

    /// <summary>Some copy is expired: delete it from every replica.</summary>
    DeleteEverywhere,

    /// <summary>A deletion Miroir accepted (a tombstone) is at least as new as every copy: delete it from every replica.</summary>
    DeleteTombstoned,

    /// <summary>Write the winning copy to every replica that differs or lacks it.</summary>
    WriteWinner,
}
