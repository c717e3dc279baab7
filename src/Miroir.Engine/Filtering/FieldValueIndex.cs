using System.Text.Json;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>
/// The per-index store of field values behind filters, facets and sorting: one
/// <see cref="FieldColumn"/> per flattened field under a filterable or sortable attribute, and the
/// <c>_geo</c> points. Documents are added with <see cref="Add"/> and removed with
/// <see cref="Remove"/> (the index keeps each document's value ids, so removal needs no JSON).
/// Built for one settings snapshot: when filterable/sortable attributes change, build a new one.
/// Writes must be serialised by the caller and not overlap reads of the same column.
/// </summary>
public sealed partial class FieldValueIndex
{
    private readonly string[] _filterable;
    private readonly string[] _tracked;
    private readonly bool _trackGeo;
    private readonly Dictionary<string, FieldColumn> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathKind> _pathKinds = new(StringComparer.Ordinal);
    private readonly List<FieldColumn> _touched = [];
    private readonly DocSet _indexed = new();

    public FieldValueIndex(IReadOnlyList<string> filterableAttributes, IReadOnlyList<string> sortableAttributes)
    {
        _filterable = [.. filterableAttributes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var tracked = filterableAttributes.Concat(sortableAttributes).Distinct(StringComparer.Ordinal).ToList();
        _trackGeo = tracked.Remove("_geo");
        _tracked = [.. tracked];
    }

    public FieldValueIndex(IndexSettings settings)
        : this(settings.FilterableAttributes, settings.SortableAttributes)
    {
    }

    /// <summary>The filterable attributes, sorted ordinally (the order of Meilisearch's messages).</summary>
    public IReadOnlyList<string> FilterableAttributes => _filterable;

    /// <summary>Every flattened field holding at least one indexed document so far.</summary>
    public IEnumerable<string> Fields => _columns.Keys;

    /// <summary>
    /// True when <paramref name="settings"/> track the same filterable and sortable attributes,
    /// i.e. a settings update does not require re-adding every document to a new index.
    /// </summary>
    public bool IsBuiltFor(IndexSettings settings)
    {
        var other = new FieldValueIndex(settings);
        return _filterable.SequenceEqual(other._filterable)
            && _trackGeo == other._trackGeo
            && _tracked.Order(StringComparer.Ordinal).SequenceEqual(other._tracked.Order(StringComparer.Ordinal));
    }

    /// <summary>True when <paramref name="field"/> is a filterable attribute or nested under one.</summary>
    public bool IsFilterable(string field) => IsUnder(field, _filterable);

    /// <summary>The column of a flattened field, or null when no document has it.</summary>
    public FieldColumn? GetColumn(string field) => _columns.GetValueOrDefault(field);

    /// <summary>Indexes a document; re-adding an id replaces its previous values.</summary>
    public void Add(int docId, JsonElement root)
    {
        if (_indexed.Contains(docId))
        {
            Remove(docId);
        }
        _indexed.Add(docId);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (_trackGeo && name == "_geo")
            {
                AddGeo(docId, property.Value);
                continue;
            }
            var kind = Classify(name);
            if (kind != PathKind.None)
            {
                Walk(docId, name, property.Value, kind);
            }
        }
        foreach (var column in _touched)
        {
            column.Commit();
        }
        _touched.Clear();
    }

    /// <summary>Forgets a document's values (no-op when unknown).</summary>
    public void Remove(int docId)
    {
        if (!_indexed.Contains(docId))
        {
            return;
        }
        _indexed.Remove(docId);
        foreach (var column in _columns.Values)
        {
            column.Remove(docId);
        }
        RemoveGeo(docId);
    }

    /// <summary>Shortcut for the ranker; see <see cref="FieldColumn.TryGetSortValue"/>.</summary>
    public bool TryGetSortValue(int docId, string field, bool descending, out SortValue value)
    {
        if (_columns.TryGetValue(field, out var column))
        {
            return column.TryGetSortValue(docId, descending, out value);
        }
        value = default;
        return false;
    }

    internal static bool IsUnder(string field, IReadOnlyList<string> attributes) =>
        AttributePatterns.MatchesAny(field, attributes);
}
