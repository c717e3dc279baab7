using System.Text.Json;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Filtering;

/// <summary>
/// Flattening of a document into columns: nested objects join names with dots, arrays contribute
/// every element to the same field (any element matches), booleans are the strings
/// <c>"true"</c>/<c>"false"</c> as in Meilisearch.
/// </summary>
public sealed partial class FieldValueIndex
{
    /// <summary>How a path relates to the tracked attributes.</summary>
    private enum PathKind : byte
    {
        None,

        /// <summary>The path is a tracked attribute or nested under one: index its values.</summary>
        Indexed,

        /// <summary>A tracked attribute is nested under the path: descend without indexing.</summary>
        Ancestor,
    }

    private PathKind Classify(string path)
    {
        if (_pathKinds.TryGetValue(path, out var kind))
        {
            return kind;
        }
        kind = IsUnder(path, _tracked) ? PathKind.Indexed : PathKind.None;
        if (kind == PathKind.None)
        {
            foreach (var attribute in _tracked)
            {
                if (AttributePatterns.MayContain(path, attribute))
                {
                    kind = PathKind.Ancestor;
                    break;
                }
            }
        }
        // Bounded by the distinct paths of the corpus; documents with unbounded key sets are rare.
        if (_pathKinds.Count < 100_000)
        {
            _pathKinds[path] = kind;
        }
        return kind;
    }

    private void Walk(int docId, string path, JsonElement element, PathKind kind)
    {
        FieldColumn? column = null;
        if (kind == PathKind.Indexed)
        {
            column = ColumnFor(path);
            if (column.Touch(docId))
            {
                _touched.Add(column);
            }
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    var child = path + "." + property.Name;
                    var childKind = kind == PathKind.Indexed ? PathKind.Indexed : Classify(child);
                    if (childKind != PathKind.None)
                    {
                        Walk(docId, child, property.Value, childKind);
                    }
                }
                if (!any)
                {
                    column?.AddEmpty();
                }
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0)
                {
                    column?.AddEmpty();
                }
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        Walk(docId, path, item, kind);
                    }
                    else
                    {
                        column?.AddScalar(item);
                    }
                }
                break;
            default:
                column?.AddScalar(element);
                break;
        }
    }

    private FieldColumn ColumnFor(string path)
    {
        if (!_columns.TryGetValue(path, out var column))
        {
            column = new FieldColumn(path);
            _columns.Add(path, column);
        }
        return column;
    }
}
