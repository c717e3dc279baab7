using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Reads;

/// <summary>The <c>GET /indexes/{uid}/search</c> form: parameters read from the query string, nodes asked by GET too.</summary>
internal sealed partial class SearchQuery
{
    private static readonly HashSet<string> ReplacedParams = new(StringComparer.Ordinal)
    {
        "offset", "limit", "page", "hitsPerPage", "showRankingScore", "showRankingScoreDetails", "filter",
    };

    private IQueryCollection? _params;
    private string _originalQuery = "";

    public static SearchQuery FromQueryString(IQueryCollection query, string rawQueryString, int maxTotalHits)
    {
        var q = new SearchQuery(ClientBody.Empty) { _maxTotalHits = maxTotalHits, _params = query, _originalQuery = rawQueryString };
        var paged = query.ContainsKey("page") || query.ContainsKey("hitsPerPage");
        q.Understood = TryParam(query, "offset", 0, out var offset) & TryParam(query, "limit", 20, out var limit)
            & TryParam(query, "page", 1, out var page) & TryParam(query, "hitsPerPage", 20, out var hitsPerPage)
            & TryFlag(query, "showRankingScore", out var score) & TryFlag(query, "showRankingScoreDetails", out var details);
        q.Query = query["q"].ToString();
        q.ShowRankingScore = score;
        q.ShowRankingScoreDetails = details;
        q.IsHybrid = query.ContainsKey("hybridEmbedder");
        q.SemanticRatio = double.TryParse(query["hybridSemanticRatio"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) ? ratio : 0.5;
        var sort = query["sort"].ToString();
        q.Sort = sort.Length == 0 ? null : [.. sort.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        q.Paging = paged
            ? SearchPaging.Pages(page, hitsPerPage)
            : SearchPaging.OffsetLimit(offset, (int)Math.Max(0, Math.Min(limit, (long)maxTotalHits - offset)));
        return q;
    }

    private string NodeQueryString(string? restriction, int limit)
    {
        var text = new StringBuilder("?");
        foreach (var (name, values) in _params!)
        {
            if (!ReplacedParams.Contains(name))
            {
                foreach (var value in values)
                {
                    Append(text, name, value ?? "");
                }
            }
        }

        var invariant = CultureInfo.InvariantCulture;
        if (Paging.IsPaged)
        {
            Append(text, "page", "1");
            Append(text, "hitsPerPage", limit.ToString(invariant));
        }
        else
        {
            Append(text, "offset", "0");
            Append(text, "limit", limit.ToString(invariant));
        }

        Append(text, "showRankingScore", "true");
        if (ShowRankingScoreDetails || Sort is not null || IsHybrid)
        {
            Append(text, "showRankingScoreDetails", "true");
        }

        var filter = _params["filter"].ToString();
        if (restriction is not null || filter.Length > 0)
        {
            Append(text, "filter", restriction is null ? filter : ShardFilter.CombineQuery(restriction, filter));
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string value)
    {
        if (text.Length > 1)
        {
            text.Append('&');
        }

        text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static bool TryParam(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text)
            || (int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }

    private static bool TryFlag(IQueryCollection query, string name, out bool value)
    {
        value = false;
        return !query.TryGetValue(name, out var text) || bool.TryParse(text.ToString(), out value);
    }
}
