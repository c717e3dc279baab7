using System.Text;

namespace Miroir.Proxy.Merging;

/// <summary>One parsed client sort rule: a field (or <c>_geoPoint(..)</c>) and a direction.</summary>
internal readonly record struct SortRule(byte[] Field, bool IsGeo, bool Descending)
{
    private static ReadOnlySpan<byte> GeoPrefix => "_geoPoint("u8;

    public static SortRule[] ParseAll(IReadOnlyList<string>? sort)
    {
        if (sort is null || sort.Count == 0)
        {
            return [];
        }

        var rules = new SortRule[sort.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = Parse(sort[i]);
        }

        return rules;
    }

    public static SortRule Parse(string rule)
    {
        var colon = rule.LastIndexOf(':');
        var field = colon < 0 ? rule : rule[..colon];
        var descending = colon >= 0 && rule.AsSpan(colon + 1).Trim().Equals("desc", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(field.Trim());
        return new SortRule(bytes, bytes.AsSpan().StartsWith(GeoPrefix), descending);
    }

    /// <summary>Finds the rule a <c>_rankingScoreDetails</c> key (<c>field:asc</c>, <c>_geoPoint(lat, lng):desc</c>) belongs to.</summary>
    public static int Match(ReadOnlySpan<SortRule> rules, ReadOnlySpan<byte> detailKey)
    {
        var colon = detailKey.LastIndexOf((byte)':');
        if (colon < 0 || rules.IsEmpty)
        {
            return -1;
        }

        var field = detailKey[..colon];
        var isGeo = field.StartsWith(GeoPrefix);
        for (var i = 0; i < rules.Length; i++)
        {
            // Meilisearch reformats the geo point in the key ("1, 2"), so geo rules match by kind only.
            if (isGeo ? rules[i].IsGeo : !rules[i].IsGeo && field.SequenceEqual(rules[i].Field))
            {
                return i;
            }
        }

        return -1;
    }
}
