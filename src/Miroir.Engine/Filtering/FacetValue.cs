namespace Miroir.Engine.Filtering;

/// <summary>
/// One distinct value of one field: its normalised key, the spelling shown in facets (the first
/// one indexed) and the documents holding it. Values are never removed, only emptied, so value
/// ids stay stable for the per-document columns.
/// </summary>
public sealed class FacetValue
{
    internal FacetValue(int id, string key, string display, bool isNumber, double number)
    {
        Id = id;
        Key = key;
        Display = display;
        IsNumber = isNumber;
        Number = number;
    }

    public int Id { get; }

    /// <summary>Normalised form (lower-cased, diacritics stripped, trimmed); the number's text for numbers.</summary>
    public string Key { get; }

    /// <summary>The original spelling of the first document that held the value.</summary>
    public string Display { get; }

    public bool IsNumber { get; }

    public double Number { get; }

    /// <summary>Documents holding the value; owned by the index, never mutate it.</summary>
    public PostingList Docs { get; } = new();

    /// <summary>Number of live documents holding the value.</summary>
    public int Count { get; internal set; }
}
