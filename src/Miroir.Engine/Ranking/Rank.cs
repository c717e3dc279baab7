namespace Miroir.Engine.Ranking;

/// <summary>
/// A ranking rule's verdict on one document: <see cref="Value"/> out of <see cref="Max"/>,
/// higher is better. Folding ranks lexicographically gives Meilisearch's <c>_rankingScore</c>.
/// </summary>
public readonly record struct Rank(int Value, int Max)
{
    public double LocalScore => (double)Value / Max;

    /// <summary>Lexicographic fold of an inner rank under an outer one (Meilisearch's <c>Rank::merge</c>).</summary>
    public static Rank Merge(Rank outer, Rank inner) =>
        new((int)Math.Min(int.MaxValue, ((long)Math.Max(outer.Value - 1, 0) * inner.Max) + inner.Value),
            (int)Math.Min(int.MaxValue, (long)outer.Max * inner.Max));

    /// <summary>The global score of ranks in rule order, starting from 1/1.</summary>
    public static double GlobalScore(ReadOnlySpan<Rank> ranks)
    {
        // Doubles keep precision where the integer product of maxima would overflow.
        double value = 1;
        double max = 1;
        foreach (var r in ranks)
        {
            value = (Math.Max(value - 1, 0) * r.Max) + r.Value;
            max *= r.Max;
        }
        return value / max;
    }
}
