namespace Miroir.Engine.Filtering;

/// <summary>
/// The value a document sorts by on one field: numbers sort before strings, strings compare by
/// their normalised key. Missing values are the caller's policy (Meilisearch puts them last).
/// </summary>
public readonly struct SortValue : IComparable<SortValue>, IEquatable<SortValue>
{
    private SortValue(bool isNumber, double number, string? key, string? text)
    {
        IsNumber = isNumber;
        Number = number;
        Key = key;
        Text = text;
    }

    public bool IsNumber { get; }

    public double Number { get; }

    /// <summary>Normalised string used for comparison; null for numbers.</summary>
    public string? Key { get; }

    /// <summary>Original spelling, for <c>_rankingScoreDetails</c>; null for numbers.</summary>
    public string? Text { get; }

    public static SortValue FromNumber(double number) => new(true, number, null, null);

    public static SortValue FromString(string key, string text) => new(false, 0, key, text);

    public int CompareTo(SortValue other)
    {
        if (IsNumber != other.IsNumber)
        {
            return IsNumber ? -1 : 1;
        }
        return IsNumber ? Number.CompareTo(other.Number) : string.CompareOrdinal(Key, other.Key);
    }

    public bool Equals(SortValue other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SortValue other && Equals(other);

    public override int GetHashCode() => IsNumber ? Number.GetHashCode() : Key!.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => IsNumber ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text!;

    public static bool operator ==(SortValue left, SortValue right) => left.Equals(right);

    public static bool operator !=(SortValue left, SortValue right) => !left.Equals(right);

    public static bool operator <(SortValue left, SortValue right) => left.CompareTo(right) < 0;

    public static bool operator >(SortValue left, SortValue right) => left.CompareTo(right) > 0;

    public static bool operator <=(SortValue left, SortValue right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SortValue left, SortValue right) => left.CompareTo(right) >= 0;
}
