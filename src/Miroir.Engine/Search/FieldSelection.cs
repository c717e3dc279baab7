namespace Miroir.Engine.Search;

/// <summary>
/// A set of field paths (dotted for nested fields) where <c>*</c> means everything: a path is
/// included when it or one of its parents is listed, and "has descendants" when a listed path
/// sits below it (so only part of an object is kept).
/// </summary>
public sealed class FieldSelection
{
    public static readonly FieldSelection All = new(null);

    private readonly string[]? _paths;

    public FieldSelection(IReadOnlyList<string>? paths) =>
        _paths = paths is null || paths.Contains("*") ? null : [.. paths];

    public bool IsAll => _paths is null;

    public bool Includes(string path)
    {
        if (_paths is null)
        {
            return true;
        }
        foreach (var p in _paths)
        {
            if (path == p || (path.Length > p.Length && path.StartsWith(p, StringComparison.Ordinal) && path[p.Length] == '.'))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Like <see cref="Includes"/> but false when nothing was listed (null list).</summary>
    public bool IncludesListed(string path, IReadOnlyList<string>? listed) => listed is { Count: > 0 } && Includes(path);

    public bool HasDescendants(string path)
    {
        if (_paths is null)
        {
            return true;
        }
        foreach (var p in _paths)
        {
            if (p.Length > path.Length && p.StartsWith(path, StringComparison.Ordinal) && p[path.Length] == '.')
            {
                return true;
            }
        }
        return false;
    }
}
