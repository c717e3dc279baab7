using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>Executors of the index tasks: creation, update, deletion and swap.</summary>
internal sealed partial class NodeContext
{
    private byte[] CreateIndex(string uid, string? primaryKey, DateTimeOffset now)
    {
        if (Indexes.Exists(uid))
        {
            throw new MeiliException(ErrorCode.IndexAlreadyExists, $"Index `{uid}` already exists.");
        }
        Indexes.Add(new IndexHandle(uid, BackendFactory(uid), now) { PrimaryKey = primaryKey });
        return TaskDetails.PrimaryKey(primaryKey);
    }

    private byte[] UpdateIndex(string uid, string? primaryKey, DateTimeOffset now)
    {
        var index = Indexes.Get(uid);
        if (primaryKey is not null && primaryKey != index.PrimaryKey)
        {
            if (index.Backend.DocumentCount > 0)
            {
                throw PrimaryKeyAlreadyExists(uid, index.PrimaryKey);
            }
            index.PrimaryKey = primaryKey;
        }
        index.UpdatedAt = now;
        return TaskDetails.PrimaryKey(primaryKey);
    }

    private static MeiliException PrimaryKeyAlreadyExists(string uid, string? existing) =>
        new(ErrorCode.IndexPrimaryKeyAlreadyExists, $"Index `{uid}`: Index already has a primary key: `{existing}`.");

    private byte[] DeleteIndex(string uid)
    {
        if (!Indexes.Remove(uid, out var index))
        {
            throw IndexRegistry.NotFound(uid);
        }
        return TaskDetails.Deleted(index.Backend.DocumentCount);
    }

    /// <summary>The payload is <c>[[a, b], ...]</c>; every index must exist before anything is swapped.</summary>
    private byte[]? SwapIndexes(TaskPayload payload, DateTimeOffset now)
    {
        var pairs = ParseSwaps(payload.Data);
        var missing = pairs.SelectMany(p => new[] { p.A, p.B }).Where(u => !Indexes.Exists(u)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new MeiliException(ErrorCode.IndexNotFound,
                missing.Count == 1 ? $"Index `{missing[0]}` not found." : $"Indexes {string.Join(", ", missing.Select(m => "`" + m + "`"))} not found.");
        }
        foreach (var (a, b) in pairs)
        {
            Indexes.Swap(a, b);
            Indexes.Get(a).UpdatedAt = now;
            Indexes.Get(b).UpdatedAt = now;
        }
        return TaskDetails.Swaps(pairs);
    }

    public static List<(string A, string B)> ParseSwaps(ReadOnlyMemory<byte> data)
    {
        using var doc = JsonDocument.Parse(data);
        var pairs = new List<(string, string)>();
        foreach (var pair in doc.RootElement.EnumerateArray())
        {
            pairs.Add((pair[0].GetString()!, pair[1].GetString()!));
        }
        return pairs;
    }
}
