namespace Miroir.Engine.Facets;

/// <summary>
/// Whether some prefix of a text is within k Damerau-Levenshtein edits (adjacent transpositions
/// count one) of a query — what a prefix Levenshtein automaton accepts, computed with a banded DP.
/// </summary>
internal static class PrefixDistance
{
    public static bool Within(string query, string text, int maxEdits)
    {
        var m = query.Length;
        if (m == 0)
        {
            return true;
        }
        var width = Math.Min(text.Length, m + maxEdits);
        // Rows over the text prefix length j = 0..width; three rows for the transposition case.
        Span<int> prev2 = width < 128 ? stackalloc int[width + 1] : new int[width + 1];
        Span<int> prev = width < 128 ? stackalloc int[width + 1] : new int[width + 1];
        Span<int> cur = width < 128 ? stackalloc int[width + 1] : new int[width + 1];
        for (var j = 0; j <= width; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= m; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= width; j++)
            {
                var cost = query[i - 1] == text[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && query[i - 1] == text[j - 2] && query[i - 2] == text[j - 1])
                {
                    d = Math.Min(d, prev2[j - 2] + 1);
                }
                cur[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > maxEdits)
            {
                return false;
            }
            var spare = prev2;
            prev2 = prev;
            prev = cur;
            cur = spare;
        }
        // The query must be consumed; any text prefix length will do.
        for (var j = 0; j <= width; j++)
        {
            if (prev[j] <= maxEdits)
            {
                return true;
            }
        }
        return false;
    }
}
