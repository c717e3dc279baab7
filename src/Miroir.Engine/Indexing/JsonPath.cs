using System.Text.Json;

namespace Miroir.Engine.Indexing;

/// <summary>Resolves dotted field paths (<c>a.b.c</c>) in a document, the way Meilisearch flattens nested objects.</summary>
internal static class JsonPath
{
    public static bool TryGet(JsonElement root, string path, out JsonElement value)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(path, out value))
        {
            return true;
        }
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        while (dot > 0)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(path.AsSpan(0, dot), out var child)
                && TryGet(child, path[(dot + 1)..], out value))
            {
                return true;
            }
            dot = path.IndexOf('.', dot + 1);
        }
        value = default;
        return false;
    }
}
