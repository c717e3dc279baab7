using System.Text;

namespace Miroir.Engine.Search;

/// <summary>
/// A set of field paths (dotted for nested fields) where <c>*</c> means everything: a path is
/// included when it or one of its parents is listed, and "has descendants" when a listed path
/// sits below it (so only part of an object is kept). Paths are compared as UTF-8, as the hit
/// writer reads them from the stored document.
/// </summary>
internal sealed class FieldSelection
{
    public static readonly FieldSelection All = new(null);

    private readonly byte[][]? _paths;

    public FieldSelection(IReadOnlyList<string>? paths) =>
        _paths = paths is null || paths.Contains("*") ? null : [.. paths.Select(Encoding.UTF8.GetBytes)];

    public bool IsAll => _paths is null;

    public bool Includes(ReadOnlySpan<byte> path)
    {
        if (_paths is null)
        {
            return true;
        }
        foreach (var p in _paths)
        {
            if (path.StartsWith(p) && (path.Length == p.Length || path[p.Length] == (byte)'.'))
            {
                return true;
            }
        }
        return false;
    }

    public bool HasDescendants(ReadOnlySpan<byte> path)
    {
        if (_paths is null)
        {
            return true;
        }
        foreach (var p in _paths)
        {
            if (p.Length > path.Length && p.AsSpan().StartsWith(path) && p[path.Length] == (byte)'.')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="path"/> itself or a part of it is kept.</summary>
    public bool Reaches(ReadOnlySpan<byte> path) => Includes(path) || HasDescendants(path);
}
