namespace Miroir.Proxy.Merging;

/// <summary>The global order of hits: ranking-rule values in rule order (when sorting), then score descending, then primary key
/// (when nodes send it), then node, then position.</summary>
internal static class HitOrder
{
    /// <summary>Negative when hit <paramref name="a"/> comes before hit <paramref name="b"/>.</summary>
    public static int Compare(MergeWorkspace ws, int a, int b)
    {
        var criteria = ws.Criteria;
        if (criteria > 0)
        {
            var values = ws.Values;
            for (var r = 0; r < ws.CriteriaUsed; r++)
            {
                ref readonly var x = ref values[(a * criteria) + r];
                var c = CompareValues(ws, in x, in values[(b * criteria) + r], x.Descending);
                if (c != 0)
                {
                    return c;
                }
            }
        }

        ref readonly var left = ref ws.Hits[a];
        ref readonly var right = ref ws.Hits[b];
        var score = right.Score.CompareTo(left.Score);
        if (score != 0)
        {
            return score;
        }

        // Nodes order equal hits by primary key (NodeTieBreak), so the merged order is the same whichever replicas
        // answered. Without keys (a Meilisearch node) equal hits keep node order, then their position in the node's list.
        if ((left.KeyLength | right.KeyLength) >= 0)
        {
            var key = ws.Strings.AsSpan(left.KeyStart, left.KeyLength).SequenceCompareTo(ws.Strings.AsSpan(right.KeyStart, right.KeyLength));
            if (key != 0)
            {
                return key;
            }
        }

        var node = left.Node.CompareTo(right.Node);
        return node != 0 ? node : left.Start.CompareTo(right.Start);
    }

    // Meilisearch puts numbers before strings and documents without the field last, whatever the direction.
    private static int CompareValues(MergeWorkspace ws, in SortValue x, in SortValue y, bool descending)
    {
        if (x.Kind != y.Kind)
        {
            return x.Kind.CompareTo(y.Kind);
        }

        var c = x.Kind switch
        {
            SortValueKind.Number => x.Number.CompareTo(y.Number),
            SortValueKind.String => CompareText(ws.Strings.AsSpan(x.StringStart, x.StringLength), ws.Strings.AsSpan(y.StringStart, y.StringLength)),
            _ => 0,
        };
        return descending ? -c : c;
    }

    // Byte order with ASCII letters folded to lower case: Meilisearch sorts "uppercase as if lowercase", by byte value.
    private static int CompareText(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var cx = Fold(x[i]);
            var cy = Fold(y[i]);
            if (cx != cy)
            {
                return cx - cy;
            }
        }

        return x.Length - y.Length;
    }

    private static int Fold(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? b + 32 : b;
}
