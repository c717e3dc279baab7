using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Gathers term occurrences for the proximity rule. Positions are only needed where two
/// query-adjacent words both occur, and only for the documents the rule ranks.
/// </summary>
internal sealed class PositionGatherer(
    List<QueryTerm> terms, TermStats[] stats, TermOccurrences?[] occurrences, int idLimit, bool[] allowed, bool[] typoForbidden)
{
    /// <summary>Fills the occurrences of the adjacent terms for the documents of <paramref name="within"/>.</summary>
    public void Gather(DocSet within)
    {
        var needed = new DocSet(idLimit);
        var involved = new bool[terms.Count];
        for (var t = 0; t + 1 < terms.Count; t++)
        {
            if (terms[t].Position + 1 != terms[t + 1].Position)
            {
                continue;
            }
            involved[t] = involved[t + 1] = true;
            foreach (var doc in within)
            {
                if (doc < idLimit && stats[t].Contains(doc) && stats[t + 1].Contains(doc))
                {
                    needed.Add(doc);
                }
            }
        }
        if (needed.IsEmpty())
        {
            return;
        }
        for (var t = 0; t < terms.Count; t++)
        {
            if (involved[t])
            {
                occurrences[t] = new TermOccurrences(terms[t], idLimit, needed, allowed, typoForbidden);
            }
        }
    }
}
