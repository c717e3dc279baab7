using Miroir.Engine.Settings;

namespace Miroir.Engine.Indexing;

/// <summary>
/// Which field paths are searchable and their attribute weight: with <c>["*"]</c> every field
/// has weight 0 (as in Meilisearch); otherwise a field takes the index of the first listed
/// attribute that is the field itself or one of its parents.
/// </summary>
internal sealed class SearchableFields
{
    private readonly string[]? _attributes;
    private int[] _weights = [];

    public SearchableFields(IndexSettings settings)
    {
        var list = settings.SearchableAttributes;
        _attributes = list.Contains("*") ? null : [.. list];
    }

    public bool IsWildcard => _attributes is null;

    /// <summary>The highest weight a field can have (the rank of the last searchable attribute).</summary>
    public int MaxWeight => _attributes is null ? 0 : Math.Max(0, _attributes.Length - 1);

    public bool IsSearchable(int fieldId, string path) => Weight(fieldId, path) >= 0;

    /// <summary>The weight of a field, or -1 when it is not searchable.</summary>
    public int Weight(int fieldId, string path)
    {
        if (fieldId < _weights.Length && _weights[fieldId] != int.MinValue)
        {
            return _weights[fieldId];
        }
        var weight = Compute(path);
        if (fieldId >= _weights.Length)
        {
            var old = _weights.Length;
            Array.Resize(ref _weights, Math.Max(fieldId + 1, old * 2 + 8));
            Array.Fill(_weights, int.MinValue, old, _weights.Length - old);
        }
        _weights[fieldId] = weight;
        return weight;
    }

    /// <summary>Weight of an already-registered field (searches use this; no allocation).</summary>
    public int WeightOf(int fieldId) => fieldId < _weights.Length && _weights[fieldId] != int.MinValue ? _weights[fieldId] : -1;

    private int Compute(string path)
    {
        if (path.StartsWith("_vectors", StringComparison.Ordinal) || path.StartsWith("_geo", StringComparison.Ordinal))
        {
            return -1;
        }
        if (_attributes is null)
        {
            return 0;
        }
        for (var i = 0; i < _attributes.Length; i++)
        {
            var a = _attributes[i];
            if (path == a || (path.Length > a.Length && path.StartsWith(a, StringComparison.Ordinal) && path[a.Length] == '.'))
            {
                return i;
            }
        }
        return -1;
    }
}
