using Miroir.Engine.Settings;

namespace Miroir.Engine.Ranking;

/// <summary>
/// The ranking rules of one search expanded into score-detail entries, in order: relevancy
/// rules become one or two rank entries (<c>attribute</c> = fid + position, <c>exactness</c> =
/// exact attribute + exact words), <c>sort</c> becomes the request's criteria.
/// </summary>
internal sealed class RankingPlan
{
    public RankingPlan(IndexSettings settings, IReadOnlyList<SortSpec> requestSort, bool placeholder)
    {
        foreach (var rule in settings.RankingRules)
        {
            switch (rule)
            {
                case "words":
                    AddRelevancy(ScoreDetailKind.Words, placeholder);
                    break;
                case "typo":
                    AddRelevancy(ScoreDetailKind.Typo, placeholder);
                    break;
                case "proximity":
                    AddRelevancy(ScoreDetailKind.Proximity, placeholder);
                    break;
                case "attribute":
                    AddRelevancy(ScoreDetailKind.Fid, placeholder);
                    AddRelevancy(ScoreDetailKind.Position, placeholder);
                    break;
                case "exactness":
                    AddRelevancy(ScoreDetailKind.ExactAttribute, placeholder);
                    AddRelevancy(ScoreDetailKind.ExactWords, placeholder);
                    break;
                case "sort":
                    foreach (var s in requestSort)
                    {
                        Entries.Add(new PlanEntry(s.IsGeo ? ScoreDetailKind.GeoSort : ScoreDetailKind.Sort, s));
                    }
                    break;
                default:
                    var colon = rule.LastIndexOf(':');
                    if (colon > 0)
                    {
                        Entries.Add(new PlanEntry(ScoreDetailKind.Sort, new SortSpec(rule[..colon], rule[(colon + 1)..] == "asc")));
                    }
                    break;
            }
        }
    }

    public List<PlanEntry> Entries { get; } = [];

    public bool Has(ScoreDetailKind kind) => Entries.Exists(e => e.Kind == kind);

    private void AddRelevancy(ScoreDetailKind kind, bool placeholder)
    {
        // A placeholder search has no words to rank: only sort criteria apply.
        if (!placeholder)
        {
            Entries.Add(new PlanEntry(kind, null));
        }
    }
}

/// <summary>One entry of a <see cref="RankingPlan"/>.</summary>
internal sealed record PlanEntry(ScoreDetailKind Kind, SortSpec? Sort);
