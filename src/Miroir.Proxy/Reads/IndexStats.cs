namespace Miroir.Proxy.Reads;

/// <summary>One index's stats as Miroir reports them: every document counted once (spec §5).</summary>
internal sealed class IndexStats
{
    public long NumberOfDocuments { get; set; }

    public bool IsIndexing { get; set; }

    /// <summary>Null when nodes do not report it.</summary>
    public double? RawDocumentDbSize { get; set; }

    public double NumberOfEmbeddings { get; set; }

    public double NumberOfEmbeddedDocuments { get; set; }

    /// <summary>Estimated per field (see <see cref="IndexStatsCollector"/>); reserved fields left out.</summary>
    public SortedDictionary<string, double> FieldDistribution { get; } = new(StringComparer.Ordinal);

    /// <summary>Shards no live copy answered for (the figures miss them).</summary>
    public int[] UncoveredShards { get; set; } = [];

    /// <summary>Uncovered shards and those only an owed or joining copy answered for (<c>X-Miroir-Degraded</c>).</summary>
    public int[] DegradedShards { get; set; } = [];
}
