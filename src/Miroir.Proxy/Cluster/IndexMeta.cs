using Miroir.Proxy.Merging;

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

    /// <summary>Meilisearch's default <c>pagination.maxTotalHits</c>.</summary>
    public const int DefaultMaxTotalHits = 1000;

    /// <summary>
    /// <c>faceting.sortFacetValuesBy</c> as committed (the <c>"*"</c> entry is the default order); null means
    /// Meilisearch's default (alphabetical for every facet). Merges order facet values by it.
    /// </summary>
    public IReadOnlyDictionary<string, FacetValuesOrder>? SortFacetValuesBy { get; init; }

    /// <summary><c>pagination.maxTotalHits</c> as committed: merged totals and pages are capped by it.</summary>
    public int MaxTotalHits { get; init; } = DefaultMaxTotalHits;

    /// <summary>Committed settings version (spec §10): incremented by every verified settings change.</summary>
    public long SettingsVersion { get; init; }

    /// <summary>
    /// The settings every node must hold (node form, JSON): as read back when the last change was verified, or
    /// adopted from a majority of nodes by the drift check; null until known. Drift repair puts it back on nodes.
    /// </summary>
    public string? CommittedSettings { get; init; }

    /// <summary>The faceting options merges use.</summary>
    public FacetMergeOptions FacetOptions() => new()
    {
        MaxValuesPerFacet = MaxValuesPerFacet,
        DefaultOrder = SortFacetValuesBy is not null && SortFacetValuesBy.TryGetValue("*", out var order) ? order : FacetValuesOrder.Alpha,
        OrderByFacet = SortFacetValuesBy,
    };
}
