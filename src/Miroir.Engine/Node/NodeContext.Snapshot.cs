using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>
/// Snapshots: the whole node state (indexes with settings and documents, tasks with the
/// payloads of unfinished ones, keys) written by the executor between two tasks, after which
/// the log before it is dropped. Layout: BinaryWriter fields in the order of
/// <see cref="WriteSnapshot"/>, version first.
/// </summary>
internal sealed partial class NodeContext
{
    private const int SnapshotVersion = 1;

    private async ValueTask MaybeSnapshotAsync()
    {
        if (Log.BytesSinceSnapshot >= Options.SnapshotThresholdBytes)
        {
            await SnapshotAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes a snapshot now. Only the executor (or a stopped node) may call it.</summary>
    internal async ValueTask SnapshotAsync()
    {
        // Every record up to this LSN was applied in memory before it was appended, so the
        // state captured below reflects all of them (and maybe a few later ones, which replay skips).
        var upto = Interlocked.Read(ref _lastLsn);
        if (upto == 0)
        {
            return;
        }
        await Log.WriteSnapshotAsync(upto, stream =>
        {
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            WriteSnapshot(w);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
    }

    private void WriteSnapshot(BinaryWriter w)
    {
        w.Write(SnapshotVersion);
        w.Write(Tasks.NextUid);
        var indexes = Indexes.List();
        w.Write(indexes.Count);
        foreach (var index in indexes)
        {
            w.Write(index.Uid);
            NodeRecords.WriteOptional(w, index.PrimaryKey);
            w.Write(index.CreatedAt.UtcTicks);
            w.Write(index.UpdatedAt.UtcTicks);
            NodeRecords.WriteBytes(w, SettingsCodec.Write(index.Backend.Settings));
            var docs = index.Backend.EnumerateDocuments().ToList();
            w.Write(docs.Count);
            foreach (var doc in docs)
            {
                NodeRecords.WriteBytes(w, doc.Span);
            }
        }
        var tasks = Tasks.All();
        w.Write(tasks.Count);
        foreach (var task in tasks)
        {
            NodeRecords.WriteEnqueued(w, task);
            NodeRecords.WriteFinished(w, task);
        }
        var keys = KeyRecords();
        w.Write(keys.Count);
        foreach (var key in keys)
        {
            NodeRecords.WriteBytes(w, key);
        }
    }

    private void LoadSnapshot(Stream payload)
    {
        using var r = new BinaryReader(payload, System.Text.Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != SnapshotVersion)
        {
            throw new InvalidDataException("Unknown snapshot version.");
        }
        r.ReadInt64();
        var indexCount = r.ReadInt32();
        for (var i = 0; i < indexCount; i++)
        {
            var uid = r.ReadString();
            var primaryKey = NodeRecords.ReadOptional(r);
            var created = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var updated = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var settings = SettingsCodec.Read(NodeRecords.ReadBytes(r));
            var docCount = r.ReadInt32();
            var docs = new List<ReadOnlyMemory<byte>>(docCount);
            for (var d = 0; d < docCount; d++)
            {
                docs.Add(NodeRecords.ReadBytes(r));
            }
            var index = new IndexHandle(uid, BackendFactory(uid), created) { PrimaryKey = primaryKey, UpdatedAt = updated };
            index.Backend.UpdateSettings(settings);
            if (docs.Count > 0)
            {
                index.Backend.AddDocuments(docs, primaryKey!, updateExisting: false);
            }
            Indexes.Add(index);
        }
        var taskCount = r.ReadInt32();
        for (var i = 0; i < taskCount; i++)
        {
            var task = NodeRecords.ReadEnqueued(r);
            NodeRecords.ReadFinished(r, _ => task);
            if (task.Status.IsFinished())
            {
                task.Payload = null;
            }
            Tasks.Restore(task);
        }
        var keyCount = r.ReadInt32();
        for (var i = 0; i < keyCount; i++)
        {
            RestoreKey(NodeRecords.ReadBytes(r));
        }
    }
}
