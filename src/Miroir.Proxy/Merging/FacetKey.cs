using Miroir.Meili.Text;

namespace Miroir.Proxy.Merging;

/// <summary>
/// A facet value as a node indexes it: trimmed, lower-cased, diacritics folded. One node counts <c>Action</c> and
/// <c>action</c> as one value and orders values by this form, so the merge keys and sorts by it too.
/// </summary>
internal sealed class FacetKey : IEqualityComparer<string>
{
    public static readonly FacetKey Comparer = new();

    private FacetKey()
    {
    }

    public static string Normalize(string value) => TextNormalizer.Normalize(value.Trim());

    public bool Equals(string? x, string? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(Normalize(x), Normalize(y), StringComparison.Ordinal));

    public int GetHashCode(string obj) => string.GetHashCode(Normalize(obj), StringComparison.Ordinal);
}
