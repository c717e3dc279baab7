namespace Miroir.Engine.Indexing;

/// <summary>
/// Gives every field path (nested fields flattened with dots) a small id in order of first
/// appearance, which is also the order <c>["*"]</c> uses for searchable and displayed fields.
/// </summary>
internal sealed class FieldRegistry
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public string NameOf(int id) => _names[id];

    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);

    public int GetOrAdd(string name)
    {
        if (!_ids.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _ids.Add(name, id);
            _names.Add(name);
        }
        return id;
    }

    public void Clear()
    {
        _ids.Clear();
        _names.Clear();
    }
}
