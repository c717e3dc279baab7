namespace Miroir.Engine.Ranking;

/// <summary>The rules that look at several words together: proximity and exact attribute.</summary>
internal sealed partial class DocumentRanker
{
    private Rank ProximityRank(int doc, ReadOnlySpan<int> kept)
    {
        var pairs = 0;
        var cost = 0;
        for (var i = 0; i + 1 < kept.Length; i++)
        {
            var left = _terms[kept[i]];
            var right = _terms[kept[i + 1]];
            // Words not adjacent in the query (one was dropped between them) impose nothing.
            if (left.Position + 1 != right.Position)
            {
                continue;
            }
            pairs++;
            cost += PairCost(doc, kept[i], kept[i + 1]);
        }
        var max = RankingMath.MaxProximityCost * pairs;
        return new Rank(max + 1 - cost, max + 1);
    }

    /// <summary>Smallest proximity cost (proximity - 1, at most 7) between two terms in one attribute.</summary>
    private int PairCost(int doc, int leftTerm, int rightTerm)
    {
        if (_occurrences[leftTerm] is not { } leftOccurrences || _occurrences[rightTerm] is not { } rightOccurrences)
        {
            return RankingMath.MaxProximityCost;
        }
        var a = Sorted(leftOccurrences.Of(doc), ref _left);
        var b = Sorted(rightOccurrences.Of(doc), ref _right);
        var best = RankingMath.MaxProximityCost + 1;
        int i = 0, j = 0;
        var lastA = -1L;
        var lastB = -1L;
        // Merge both lists in (field, position) order, remembering the last of each side.
        while ((i < a.Length || j < b.Length) && best > 1)
        {
            if (j >= b.Length || (i < a.Length && a[i] <= b[j]))
            {
                var x = a[i++];
                if (lastB >= 0 && (lastB >> 16) == (x >> 16) && (uint)lastB != x)
                {
                    best = Math.Min(best, RankingMath.Proximity((int)(x & 0xFFFF), (int)(lastB & 0xFFFF)));
                }
                lastA = x;
            }
            else
            {
                var y = b[j++];
                if (lastA >= 0 && (lastA >> 16) == (y >> 16) && (uint)lastA != y)
                {
                    best = Math.Min(best, RankingMath.Proximity((int)(lastA & 0xFFFF), (int)(y & 0xFFFF)));
                }
                lastB = y;
            }
        }
        return Math.Min(best, RankingMath.MaxProximityCost + 1) - 1;
    }

    private static ReadOnlySpan<uint> Sorted(Span<ulong> occurrences, ref uint[] buffer)
    {
        if (buffer.Length < occurrences.Length)
        {
            buffer = new uint[Math.Max(occurrences.Length, buffer.Length * 2)];
        }
        for (var k = 0; k < occurrences.Length; k++)
        {
            buffer[k] = (uint)occurrences[k];
        }
        var span = buffer.AsSpan(0, occurrences.Length);
        span.Sort();
        return span;
    }

    /// <summary>
    /// Exact match (an attribute is exactly the query), matches start (an attribute starts with
    /// it) or neither, considering only the query words themselves (no typo, no prefix).
    /// </summary>
    private Rank ExactAttributeRank(int doc, ReadOnlySpan<int> kept)
    {
        // The remaining words must be the query's first words without a hole.
        for (var i = 0; i < kept.Length; i++)
        {
            if (kept[i] != i)
            {
                return new Rank(1, 3);
            }
        }
        var fieldsWithAll = ulong.MaxValue;
        foreach (var t in kept)
        {
            if (!_stats[t].ExactAtQueryPosition(doc))
            {
                return new Rank(1, 3);
            }
            fieldsWithAll &= _stats[t].ExactFields(doc);
        }
        if (fieldsWithAll == 0)
        {
            return new Rank(1, 3);
        }
        foreach (var packed in _context.Documents.FieldWordCounts(doc))
        {
            var field = (int)(packed >> 16);
            if ((fieldsWithAll & (1UL << (field & 63))) != 0 && (packed & 0xFFFF) == (uint)kept.Length)
            {
                return new Rank(3, 3);
            }
        }
        return new Rank(2, 3);
    }
}
