namespace Miroir.Core.Configuration;

/// <summary>Values of <c>write_quorum</c> (01-core §3.5): acknowledgments a replica group needs per shard before a write counts.</summary>
public enum WriteQuorumPolicy
{
    /// <summary><c>one</c>: one owner of the shard in the group took the write.</summary>
    One,

    /// <summary><c>majority</c>: floor(RF/2)+1 owners took it.</summary>
    Majority,

    /// <summary><c>all</c>: every owner took it.</summary>
    All,
}
