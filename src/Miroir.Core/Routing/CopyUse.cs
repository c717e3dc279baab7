namespace Miroir.Core.Routing;

/// <summary>How a read may use one node's copy of one shard.</summary>
public enum CopyUse
{
    /// <summary>Not at all: the node is down, failed this request, or not in reads.</summary>
    Unavailable,

    /// <summary>Only when no replica offers a <see cref="Preferred"/> copy (the copy may be stale: owed or joining); the answer is degraded.</summary>
    LastResort,

    /// <summary>Freely: the node is live and holds every acknowledged write to the shard.</summary>
    Preferred,
}
