using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>
/// Snapshots: the whole node state (indexes with settings and their built state, tasks with the
/// payloads of unfinished ones, keys) written by the executor between two tasks, after which
/// the log before the previous snapshot is dropped. Layout: BinaryWriter fields in the order of
/// <see cref="WriteSnapshot"/>, version first; version 2 adds each index's built state
/// (<see cref="EngineBackend.WriteSnapshot"/>) where version 1 held its documents only.
/// </summary>
internal sealed partial class NodeContext
{
    private const int SnapshotVersion = 2;

    // BinaryWriter/Reader move a few bytes per call; the log's streams hash and check every call.
    private const int SnapshotBufferBytes = 1 << 20;

    /// <summary>
    /// After a task: a snapshot once the log holds <see cref="NodeOptions.SnapshotThresholdBytes"/>,
    /// or an eighth of it when no task waits (an ingest just ended), so a restart replays little.
    /// </summary>
    private async ValueTask MaybeSnapshotAsync()
    {
        var bytes = Log.BytesSinceSnapshot;
        var threshold = Options.SnapshotThresholdBytes;
        if (bytes > 0 && (bytes >= threshold || (bytes >= threshold / 8 && Tasks.NextReady() is null)))
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
            using var buffered = new BufferedStream(stream, SnapshotBufferBytes);
            using var w = new BinaryWriter(buffered, System.Text.Encoding.UTF8, leaveOpen: true);
            WriteSnapshot(w);
            w.Flush();
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
            index.Backend.WriteSnapshot(w);
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
        using var buffered = new BufferedStream(payload, SnapshotBufferBytes);
        using var r = new BinaryReader(buffered, System.Text.Encoding.UTF8, leaveOpen: true);
        var version = r.ReadInt32();
        if (version is < 1 or > SnapshotVersion)
        {
            throw new InvalidDataException($"Unknown snapshot version {version}.");
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
            var index = new IndexHandle(uid, BackendFactory(uid), created) { PrimaryKey = primaryKey, UpdatedAt = updated };
            index.Backend.UpdateSettings(settings);
            index.Backend.ReadSnapshot(r, version, primaryKey);
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
