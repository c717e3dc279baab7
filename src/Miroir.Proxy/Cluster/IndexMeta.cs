namespace Miroir.Proxy.Cluster;

/// <summary>What the orchestrator knows of one index: its primary key, its shard count and client-visible settings it keeps itself.</summary>
/// <param name="Uid">Index uid.</param>
/// <param name="PrimaryKey">Null until declared or inferred; fixed afterwards.</param>
/// <param name="Shards">S, fixed when the index was created.</param>
/// <param name="MaxValuesPerFacet">The client's <c>faceting.maxValuesPerFacet</c>; nodes get a larger one (spec §4.6), so merges cut at this value.</param>
public sealed record IndexMeta(string Uid, string? PrimaryKey, int Shards, int MaxValuesPerFacet = IndexMeta.DefaultMaxValuesPerFacet)
{
    /// <summary>Meilisearch's default <c>maxValuesPerFacet</c>.</summary>
    public const int DefaultMaxValuesPerFacet = 100;
}
