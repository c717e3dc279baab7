namespace Miroir.Engine.Ranking;

/// <summary>Meilisearch's position bucketing and distance costs used by the attribute rule.</summary>
internal static class RankingMath
{
    /// <summary>Largest proximity cost between two query words (no proximity at all).</summary>
    public const int MaxProximityCost = 7;

    /// <summary>Largest position cost of one query word.</summary>
    public const int MaxPositionCost = 10;

    /// <summary>Positions lose precision exponentially as they grow (Meilisearch's <c>bucketed_position</c>).</summary>
    public static int BucketedPosition(int relative)
    {
        if (relative < 16)
        {
            return relative;
        }
        if (relative < 24)
        {
            return 24;
        }
        // The smallest power of two at or above the position.
        return (int)Math.Min(ushort.MaxValue, 1u << (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)relative - 1)));
    }

    /// <summary>Cost of a word found <paramref name="distance"/> bucketed positions away from its query position.</summary>
    public static int CostFromDistance(int distance) => distance switch
    {
        0 => 0,
        1 => 1,
        <= 4 => 2,
        <= 7 => 3,
        <= 11 => 4,
        <= 16 => 5,
        <= 24 => 6,
        <= 64 => 7,
        <= 256 => 8,
        <= 1024 => 9,
        _ => 10,
    };

    /// <summary>Meilisearch's proximity of two positions in one attribute: order matters, a reversed pair costs one more.</summary>
    public static int Proximity(int left, int right) => left < right ? right - left : left - right + 1;
}
