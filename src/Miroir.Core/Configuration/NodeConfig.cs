namespace Miroir.Core.Configuration;

/// <summary>One entry of <c>nodes</c>: a Meilisearch (or Miroir engine) node.</summary>
public sealed record NodeConfig
{
    /// <summary>Stable id (<c>id</c>); hashed for placement, so renaming moves data.</summary>
    public string Id { get; init; } = "";

    /// <summary>Base URL (<c>address</c>), http or https.</summary>
    public string Address { get; init; } = "";

    /// <summary>Zero-based replica group (<c>replica_group</c>).</summary>
    public int ReplicaGroup { get; init; }
}
