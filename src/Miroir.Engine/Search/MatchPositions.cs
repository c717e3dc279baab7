using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// One hit's <c>_matchesPosition</c> as it is collected: UTF-8 byte ranges grouped by field path.
/// As in Meilisearch (a map from path to the matches of the value last read there), a later value of
/// the same path (the next array element) replaces the earlier one's matches, each match of a value
/// inside arrays carries the <c>indices</c> of those arrays, and paths are written in byte order.
/// Reused from hit to hit.
/// </summary>
internal sealed class MatchPositions
{
    private readonly List<(int Start, int Length, int IndicesStart, int IndicesCount)> _paths = [];
    private readonly List<(int Path, int Start, int Length)> _matches = [];
    private readonly List<int> _indices = [];
    private byte[] _pathBytes = new byte[256];
    private int _pathBytesUsed;

    public void Clear()
    {
        _paths.Clear();
        _matches.Clear();
        _indices.Clear();
        _pathBytesUsed = 0;
    }

    /// <summary>Starts the matches of a new value of <paramref name="path"/>, dropping the path's earlier ones; returns the path's number for <see cref="Add"/>.</summary>
    public int StartValue(ReadOnlySpan<byte> path, ReadOnlySpan<int> arrayIndices)
    {
        var p = PathIndex(path);
        var kept = 0;
        for (var i = 0; i < _matches.Count; i++)
        {
            if (_matches[i].Path != p)
            {
                _matches[kept++] = _matches[i];
            }
        }
        _matches.RemoveRange(kept, _matches.Count - kept);
        var (start, length, _, _) = _paths[p];
        _paths[p] = (start, length, _indices.Count, arrayIndices.Length);
        _indices.AddRange(arrayIndices);
        return p;
    }

    public void Add(int path, int start, int length) => _matches.Add((path, start, length));

    /// <summary>Writes the object: one array of <c>{start, length[, indices]}</c> per field.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        var previous = -1;
        for (var written = 0; written < _paths.Count; written++)
        {
            // Paths are few: pick the next in byte order rather than sort (which would allocate).
            var next = -1;
            for (var p = 0; p < _paths.Count; p++)
            {
                if ((previous < 0 || Path(p).SequenceCompareTo(Path(previous)) > 0) && (next < 0 || Path(p).SequenceCompareTo(Path(next)) < 0))
                {
                    next = p;
                }
            }
            WritePath(writer, next);
            previous = next;
        }
        writer.WriteEndObject();
    }

    private void WritePath(Utf8JsonWriter writer, int p)
    {
        var (_, _, indicesStart, indicesCount) = _paths[p];
        writer.WriteStartArray(Path(p));
        foreach (var (path, start, length) in _matches)
        {
            if (path != p)
            {
                continue;
            }
            writer.WriteStartObject();
            writer.WriteNumber("start"u8, start);
            writer.WriteNumber("length"u8, length);
            if (indicesCount > 0)
            {
                writer.WriteStartArray("indices"u8);
                for (var i = indicesStart; i < indicesStart + indicesCount; i++)
                {
                    writer.WriteNumberValue(_indices[i]);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private ReadOnlySpan<byte> Path(int p) => _pathBytes.AsSpan(_paths[p].Start, _paths[p].Length);

    private int PathIndex(ReadOnlySpan<byte> path)
    {
        for (var p = _paths.Count - 1; p >= 0; p--)
        {
            if (path.SequenceEqual(Path(p)))
            {
                return p;
            }
        }
        if (_pathBytesUsed + path.Length > _pathBytes.Length)
        {
            Array.Resize(ref _pathBytes, Math.Max(_pathBytes.Length * 2, _pathBytesUsed + path.Length));
        }
        path.CopyTo(_pathBytes.AsSpan(_pathBytesUsed));
        _paths.Add((_pathBytesUsed, path.Length, 0, 0));
        _pathBytesUsed += path.Length;
        return _paths.Count - 1;
    }
}
