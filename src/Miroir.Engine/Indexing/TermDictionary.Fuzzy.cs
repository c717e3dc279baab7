namespace Miroir.Engine.Indexing;

/// <summary>
/// Typo lookups: a Damerau-Levenshtein (optimal string alignment) walk over the sorted terms
/// that reuses the DP rows of the prefix shared with the previous term and skips every term
/// under a prefix whose row already exceeds the budget — a trie walk without a trie.
/// </summary>
internal sealed partial class TermDictionary
{
    /// <summary>
    /// Calls <paramref name="onMatch"/>(termIndex, distance) for every term in [from, to) within
    /// <paramref name="maxDistance"/> edits of <paramref name="word"/>; with
    /// <paramref name="prefix"/>, a term matches when one of its prefixes is within reach.
    /// Stops once <paramref name="limit"/> terms matched.
    /// </summary>
    public void FindWithin(string word, int maxDistance, bool prefix, int from, int to, int limit, Action<int, int> onMatch)
    {
        var m = word.Length;
        var maxLen = m + maxDistance + 1;
        // rows[d] is the DP row after consuming d chars of the term; rows[0] = 0..m.
        var rows = new int[maxLen + 1][];
        for (var d = 0; d <= maxLen; d++)
        {
            rows[d] = new int[m + 1];
        }
        var prefMin = new int[maxLen + 1];
        for (var k = 0; k <= m; k++)
        {
            rows[0][k] = k;
        }
        prefMin[0] = m;
        var found = 0;
        var prevTerm = string.Empty;
        var idx = from;
        while (idx < to && found < limit)
        {
            var term = _terms[idx];
            var depth = Math.Min(term.Length, maxLen);
            var common = Math.Min(CommonPrefix(prevTerm, term), depth);
            var pruneAt = -1;
            for (var d = common + 1; d <= depth; d++)
            {
                var rowMin = ComputeRow(rows, d, word, term);
                prefMin[d] = Math.Min(prefMin[d - 1], rows[d][m]);
                if (rowMin > maxDistance && (!prefix || prefMin[d] > maxDistance))
                {
                    pruneAt = d;
                    break;
                }
            }
            prevTerm = term;
            if (pruneAt > 0)
            {
                // Every term sharing these first pruneAt chars is out of reach.
                idx = UpperBoundPrefix(term.AsSpan(0, pruneAt), idx, to);
                prevTerm = string.Empty;
                continue;
            }
            int distance;
            if (term.Length > maxLen)
            {
                distance = prefix ? prefMin[depth] : int.MaxValue;
            }
            else
            {
                distance = prefix ? prefMin[depth] : rows[depth][m];
            }
            if (distance <= maxDistance)
            {
                onMatch(idx, distance);
                found++;
            }
            idx++;
        }
    }

    private static int ComputeRow(int[][] rows, int d, string word, string term)
    {
        var prev = rows[d - 1];
        var cur = rows[d];
        var c = term[d - 1];
        cur[0] = d;
        var min = d;
        for (var k = 1; k <= word.Length; k++)
        {
            var cost = word[k - 1] == c ? 0 : 1;
            var v = Math.Min(Math.Min(prev[k] + 1, cur[k - 1] + 1), prev[k - 1] + cost);
            if (d > 1 && k > 1 && word[k - 1] == term[d - 2] && word[k - 2] == c)
            {
                v = Math.Min(v, rows[d - 2][k - 2] + 1);
            }
            cur[k] = v;
            if (v < min)
            {
                min = v;
            }
        }
        return min;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < n && a[i] == b[i])
        {
            i++;
        }
        return i;
    }
}
