using System.Text.Json;

namespace Miroir.Engine.Indexing;

/// <summary>One field's per-document value: a number (NaN when absent) or a string.</summary>
internal sealed class SortColumn
{
    private double[] _numbers = [];
    private string?[] _strings = [];
    private string?[] _normalized = [];

    public bool TryGetNumber(int doc, out double value)
    {
        value = doc < _numbers.Length ? _numbers[doc] : double.NaN;
        return !double.IsNaN(value);
    }

    public string? GetString(int doc) => doc < _strings.Length ? _strings[doc] : null;

    /// <summary>The normalised string value, which string sorting compares.</summary>
    public string? GetNormalized(int doc) => doc < _normalized.Length ? _normalized[doc] : null;

    public void Set(int doc, JsonElement value)
    {
        // Arrays sort by their first sortable element.
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                {
                    Set(doc, item);
                    return;
                }
            }
            return;
        }
        Ensure(doc);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d))
        {
            _numbers[doc] = d;
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            _strings[doc] = value.GetString();
            _normalized[doc] = Text.TextNormalizer.Normalize(_strings[doc]!);
        }
        else if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            _strings[doc] = value.ValueKind == JsonValueKind.True ? "true" : "false";
            _normalized[doc] = _strings[doc];
        }
    }

    public void Clear(int doc)
    {
        if (doc < _numbers.Length)
        {
            _numbers[doc] = double.NaN;
            _strings[doc] = null;
            _normalized[doc] = null;
        }
    }

    private void Ensure(int doc)
    {
        if (doc >= _numbers.Length)
        {
            var old = _numbers.Length;
            var size = Math.Max(doc + 1, old * 2);
            Array.Resize(ref _numbers, size);
            Array.Resize(ref _strings, size);
            Array.Resize(ref _normalized, size);
            Array.Fill(_numbers, double.NaN, old, size - old);
        }
    }
}
