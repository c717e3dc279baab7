namespace Miroir.Proxy.Merging;

/// <summary>How a sorted search's hits are compared: the node's ranking rules, in their order, from <c>_rankingScoreDetails</c>.</summary>
/// <remarks>
/// A node ranks by its ranking rules one after the other (words, typo, ..., sort, exactness by default), so the
/// merge must compare the same way or it would contradict the order each node returned. Every details entry
/// carries its rule position in <c>order</c>: relevancy rules give a <c>score</c> (higher first), sort rules
/// (<c>field:asc|desc</c>) a <c>value</c>, geo rules (<c>_geoPoint(lat, lng):asc|desc</c>) a <c>distance</c>,
/// <c>vectorSort</c> a <c>similarity</c>. Comparing per-rule scores one by one is the same as comparing
/// Meilisearch's merged ranks, because every hit of one query has the same maximum rank per rule.
/// </remarks>
internal static class RankingCriteria
{
    /// <summary>Rules kept per hit; later rules (rare: many custom ranking rules) only break ties through the score.</summary>
    public const int PerHit = 12;

    /// <summary>What a details key says about the entry: which field holds its value and in which direction it sorts.</summary>
    public static (Field Wanted, bool Descending) Classify(ReadOnlySpan<byte> key)
    {
        if (key.EndsWith(":asc"u8) || key.EndsWith(":desc"u8))
        {
            var descending = key.EndsWith(":desc"u8);
            return (key.StartsWith("_geoPoint("u8) ? Field.Distance : Field.Value, descending);
        }

        if (key.StartsWith("<hidden-rule-"u8))
        {
            return (Field.None, false);
        }

        if (key.SequenceEqual("vectorSort"u8))
        {
            return (Field.Similarity, true);
        }

        return key.SequenceEqual("skipped"u8) ? (Field.Skipped, true) : (Field.Score, true);
    }

    /// <summary>The member of a details entry that ranks the hit.</summary>
    public enum Field
    {
        None,
        Score,
        Value,
        Distance,
        Similarity,
        Skipped,
    }

    public static ReadOnlySpan<byte> NameOf(Field field) => field switch
    {
        Field.Score => "score"u8,
        Field.Value => "value"u8,
        Field.Distance => "distance"u8,
        Field.Similarity => "similarity"u8,
        _ => default,
    };
}
