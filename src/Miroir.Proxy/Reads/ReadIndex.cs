using Miroir.Core.Routing;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Reads;

/// <summary>What reads need to know about one index: its shard map, primary key and client-visible settings.</summary>
public sealed class ReadIndex
{
    public required string Uid { get; init; }

    /// <summary>The routing table currently in force for this index (a snapshot; never mutated).</summary>
    public required ShardMap Map { get; init; }

    public string? PrimaryKey { get; init; }

    /// <summary>The client-visible faceting settings (nodes are given a larger maxValuesPerFacet, spec §4.6).</summary>
    public FacetMergeOptions Facets { get; init; } = FacetMergeOptions.Default;

    /// <summary>The client-visible <c>pagination.maxTotalHits</c>.</summary>
    public int MaxTotalHits { get; init; } = 1000;

    /// <summary>The settings nodes hold, as last committed (node form, JSON); null until known.</summary>
    public string? CommittedSettings { get; init; }

    /// <summary>The filterable attributes a client set (reserved fields left out): what a node would list to the client.
    /// Read from <see cref="CommittedSettings"/> only when a filter needs it.</summary>
    public IReadOnlyList<string> ClientFilterable => _clientFilterable ??= Settings.ReservedSettings.ClientFilterable(CommittedSettings);

    private IReadOnlyList<string>? _clientFilterable;
}
