using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Resolves a quoted phrase of the query: the documents where its words follow each other in
/// one attribute, as a synthetic posting list holding the first word's occurrences.
/// </summary>
internal static class PhraseMatcher
{
    /// <param name="words">The phrase's normalised words; null for stop words (they hold a position but match anything).</param>
    public static WordPostings? Build(IReadOnlyList<string?> words, TermDictionary dictionary)
    {
        var lists = new WordPostings?[words.Count];
        var anchor = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is not { } w)
            {
                continue;
            }
            var index = dictionary.IndexOf(w);
            if (index < 0)
            {
                return null;
            }
            lists[i] = dictionary.PostingsAt(index);
            if (anchor < 0)
            {
                anchor = i;
            }
        }
        if (anchor < 0)
        {
            return null;
        }
        var result = new WordPostings();
        var first = lists[anchor]!;
        for (var d = 0; d < first.DocCount; d++)
        {
            var doc = first.DocAt(d);
            foreach (var occ in first.OccurrencesAt(d))
            {
                if (FollowedBy(lists, anchor, doc, occ))
                {
                    result.Add(doc, occ);
                }
            }
        }
        return result.DocCount > 0 ? result : null;
    }

    private static bool FollowedBy(WordPostings?[] lists, int anchor, int doc, uint anchorOccurrence)
    {
        for (var i = anchor + 1; i < lists.Length; i++)
        {
            if (lists[i] is not { } list)
            {
                continue;
            }
            var index = list.Docs.BinarySearch(doc);
            if (index < 0 || !list.OccurrencesAt(index).Contains(anchorOccurrence + (uint)(i - anchor)))
            {
                return false;
            }
        }
        return true;
    }
}
