using System.Text.Json;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>Executors of document additions and deletions.</summary>
internal sealed partial class NodeContext
{
    /// <summary>
    /// Adds a batch atomically: the primary key is resolved (index, then <c>?primaryKey=</c>,
    /// then inference) and every id validated before anything is written; the index is
    /// created implicitly, as Meilisearch does, only when the batch is valid.
    /// </summary>
    private byte[] AddDocuments(string uid, TaskPayload payload, DateTimeOffset now)
    {
        var docs = DocumentFrames.Decode(payload.Data);
        Indexes.TryGet(uid, out var index);
        var primaryKey = index?.PrimaryKey;
        if (primaryKey is not null && payload.PrimaryKey is not null && payload.PrimaryKey != primaryKey)
        {
            throw PrimaryKeyAlreadyExists(uid, primaryKey);
        }
        primaryKey ??= payload.PrimaryKey ?? (docs.Count > 0 ? Meili.Documents.PrimaryKeyInference.Infer(docs[0].Span) : null);
        foreach (var doc in docs)
        {
            DocumentIds.Get(doc.Span, primaryKey!);
        }
        if (index is null)
        {
            index = new IndexHandle(uid, BackendFactory(uid), now);
            Indexes.Add(index);
        }
        index.PrimaryKey ??= primaryKey;
        var indexed = docs.Count == 0 ? 0 : index.Backend.AddDocuments(docs, primaryKey!, payload.UpdateExisting);
        index.UpdatedAt = now;
        return TaskDetails.DocumentAddition(payload.Count, indexed);
    }

    /// <summary>
    /// The payload's data says which deletion this is: a JSON array of ids, an object
    /// <c>{"filter": ...}</c>, or nothing (delete all documents).
    /// </summary>
    private byte[] DeleteDocuments(string uid, TaskPayload payload, DateTimeOffset now)
    {
        var index = Indexes.Get(uid);
        byte[] details;
        if (payload.Data.IsEmpty)
        {
            details = TaskDetails.Deleted(index.Backend.Clear());
        }
        else
        {
            using var doc = JsonDocument.Parse(payload.Data);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var ids = root.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
                details = TaskDetails.DocumentDeletionByIds(ids.Count, index.Backend.DeleteDocuments(ids));
            }
            else
            {
                var filter = root.GetProperty("filter");
                index.Backend.ValidateFilter(filter, forDocuments: true);
                details = TaskDetails.DocumentDeletionByFilter(filter.GetRawText(), index.Backend.DeleteByFilter(filter));
            }
        }
        index.UpdatedAt = now;
        return details;
    }

    private byte[]? UpdateSettings(string uid, TaskPayload payload, DateTimeOffset now)
    {
        if (!Indexes.TryGet(uid, out var index))
        {
            index = new IndexHandle(uid, BackendFactory(uid), now);
            Indexes.Add(index);
        }
        using var patch = JsonDocument.Parse(payload.Data);
        index.Backend.UpdateSettings(SettingsCodec.ApplyPatch(index.Backend.Settings, patch.RootElement));
        index.UpdatedAt = now;
        return payload.Data.ToArray();
    }
}
