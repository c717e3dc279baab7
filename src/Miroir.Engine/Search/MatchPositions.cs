using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// One hit's <c>_matchesPosition</c> as it is collected: UTF-8 byte ranges grouped by field
/// path, fields in the order their first match was found. Reused from hit to hit.
/// </summary>
internal sealed class MatchPositions
{
    private readonly List<(int Start, int Length)> _paths = [];
    private readonly List<(int Path, int Start, int Length)> _matches = [];
    private byte[] _pathBytes = new byte[256];
    private int _pathBytesUsed;

    public void Clear()
    {
        _paths.Clear();
        _matches.Clear();
        _pathBytesUsed = 0;
    }

    public void Add(ReadOnlySpan<byte> path, int start, int length) => _matches.Add((PathIndex(path), start, length));

    /// <summary>Writes the object: one array of <c>{start, length}</c> per field.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        for (var p = 0; p < _paths.Count; p++)
        {
            var (pathStart, pathLength) = _paths[p];
            writer.WriteStartArray(_pathBytes.AsSpan(pathStart, pathLength));
            foreach (var (path, start, length) in _matches)
            {
                if (path != p)
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteNumber("start"u8, start);
                writer.WriteNumber("length"u8, length);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private int PathIndex(ReadOnlySpan<byte> path)
    {
        for (var p = _paths.Count - 1; p >= 0; p--)
        {
            var (start, length) = _paths[p];
            if (path.SequenceEqual(_pathBytes.AsSpan(start, length)))
            {
                return p;
            }
        }
        if (_pathBytesUsed + path.Length > _pathBytes.Length)
        {
            Array.Resize(ref _pathBytes, Math.Max(_pathBytes.Length * 2, _pathBytesUsed + path.Length));
        }
        path.CopyTo(_pathBytes.AsSpan(_pathBytesUsed));
        _paths.Add((_pathBytesUsed, path.Length));
        _pathBytesUsed += path.Length;
        return _paths.Count - 1;
    }
}
