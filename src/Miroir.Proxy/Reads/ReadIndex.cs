using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Reads;

/// <summary>
/// What reads need to know about one index, all from the request's one <see cref="ClusterView"/>: its shard map, the
/// clients of that map's nodes and their readability, its primary key and client-visible settings.
/// </summary>
public sealed class ReadIndex
{
    /// <summary>The index as the request's view knows it, or null when it does not exist.</summary>
    public static ReadIndex? Find(ClusterView view, string uid)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.FindIndex(uid) is { } meta ? Of(view, meta) : null;
    }

    /// <summary>Every index of the view, by uid.</summary>
    public static IReadOnlyList<ReadIndex> All(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Indexes.Select(meta => Of(view, meta))];
    }

    // The client-visible faceting and pagination settings as last committed by a verified settings change.
    private static ReadIndex Of(ClusterView view, IndexMeta meta) => new()
    {
        Uid = meta.Uid,
        View = view,
        Map = view.ShardMap(meta),
        PrimaryKey = meta.PrimaryKey,
        Facets = meta.FacetOptions(),
        MaxTotalHits = meta.MaxTotalHits,
        SettingsVersion = meta.SettingsVersion,
        CommittedSettings = meta.CommittedSettings,
    };

    public required string Uid { get; init; }

    /// <summary>The cluster as the request saw it when it arrived.</summary>
    public required ClusterView View { get; init; }

    /// <summary>The routing table of <see cref="View"/> for this index (never mutated).</summary>
    public required ShardMap Map { get; init; }

    /// <summary>The client of the node at <paramref name="ordinal"/> in <see cref="Map"/>'s topology.</summary>
    public NodeClient Node(int ordinal) => View.Nodes[ordinal];

    public string? PrimaryKey { get; init; }

    /// <summary>The client-visible faceting settings (nodes are given a larger maxValuesPerFacet, spec §4.6).</summary>
    public FacetMergeOptions Facets { get; init; } = FacetMergeOptions.Default;

    /// <summary>The client-visible <c>pagination.maxTotalHits</c>.</summary>
    public int MaxTotalHits { get; init; } = 1000;

    /// <summary>The index's committed settings version (coalesced searches must agree on it).</summary>
    public long SettingsVersion { get; init; }

    /// <summary>The settings nodes hold, as last committed (node form, JSON); null until known.</summary>
    public string? CommittedSettings { get; init; }

    /// <summary>The filterable attributes a client set (reserved fields left out): what a node would list to the client.
    /// Read from <see cref="CommittedSettings"/> only when a filter needs it.</summary>
    public IReadOnlyList<string> ClientFilterable => _clientFilterable ??= Settings.ReservedSettings.ClientFilterable(CommittedSettings);

    private IReadOnlyList<string>? _clientFilterable;
}
