using System.Globalization;

namespace Miroir.Proxy.Merging;

/// <summary>One merged facet value and its summed count, with the alphabetical order Meilisearch uses.</summary>
/// <remarks>
/// Meilisearch lists a facet's numeric values first (ascending by value), then its strings (lexicographic by their
/// normalised form, <see cref="FacetKey"/>: <c>action</c> before <c>Sci Fi</c>). The merged response only has the
/// keys, so a key that reads as a number is treated as one.
/// </remarks>
internal readonly struct FacetValue
{
    public FacetValue(string key, long count)
    {
        Key = key;
        Count = count;
        IsNumber = double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
        Number = IsNumber ? number : 0;
        Normalized = IsNumber ? key : FacetKey.Normalize(key);
    }

    public string Key { get; }

    public long Count { get; }

    private bool IsNumber { get; }

    private double Number { get; }

    private string Normalized { get; }

    public static int CompareAlpha(FacetValue a, FacetValue b)
    {
        if (a.IsNumber != b.IsNumber)
        {
            return a.IsNumber ? -1 : 1;
        }

        var c = a.IsNumber ? a.Number.CompareTo(b.Number) : 0;
        c = c != 0 ? c : string.CompareOrdinal(a.Normalized, b.Normalized);
        return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
    }
}
