using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>
/// Restart: load the newest snapshot, then replay the log after it. Succeeded tasks are
/// re-executed (tasks are deterministic given their payload), failed and canceled ones are
/// restored as records, and tasks without an outcome are enqueued again.
/// </summary>
internal sealed partial class NodeContext
{
    private void Recover()
    {
        var upto = 0L;
        if (Log.TryOpenLatestSnapshot(out var snapshotLsn, out var snapshot))
        {
            using (snapshot)
            {
                upto = snapshotLsn;
                LoadSnapshot(snapshot);
            }
        }
        _lastLsn = upto;
        foreach (var (lsn, payload) in Log.ReadAfter(upto))
        {
            _lastLsn = lsn;
            using var reader = new BinaryReader(new MemoryStream(payload.ToArray(), writable: false));
            switch ((NodeRecordKind)reader.ReadByte())
            {
                case NodeRecordKind.TaskEnqueued:
                    Tasks.Restore(NodeRecords.ReadEnqueued(reader));
                    break;
                case NodeRecordKind.TaskFinished:
                    ReplayFinished(reader);
                    break;
                case NodeRecordKind.KeyPut:
                case NodeRecordKind.KeyDeleted:
                    ReplayKey(payload.Span);
                    break;
            }
        }
        foreach (var task in Tasks.All())
        {
            _nextBatchUid = Math.Max(_nextBatchUid, (task.BatchUid ?? -1) + 1);
            if (!task.Status.IsFinished())
            {
                Tasks.Update(task, t =>
                {
                    t.Status = EngineTaskStatus.Enqueued;
                    t.StartedAt = null;
                    t.BatchUid = null;
                });
                Tasks.MarkReady(task);
            }
        }
    }

    private void ReplayFinished(BinaryReader reader)
    {
        EngineTask? task = null;
        var record = new EngineTask { Uid = -1, Kind = default, EnqueuedAt = default };
        NodeRecords.ReadFinished(reader, uid =>
        {
            Tasks.TryGet(uid, out task);
            return record;
        });
        var affected = NodeRecords.ReadAffected(reader);
        if (task is null || task.Status.IsFinished())
        {
            return; // Already in the snapshot, or deleted since.
        }
        if (record.Status == EngineTaskStatus.Succeeded)
        {
            if (task.Kind is TaskKind.TaskCancelation or TaskKind.TaskDeletion)
            {
                record.FinishedAt ??= task.EnqueuedAt;
                task.FinishedAt = record.FinishedAt;
                ReplayTaskOps(task, affected);
            }
            else
            {
                try
                {
                    Execute(task, record.StartedAt ?? task.EnqueuedAt, [], replay: true);
                }
                catch (Meili.Errors.MeiliException)
                {
                    // Cannot happen for a deterministic task that succeeded; the record still wins.
                }
            }
        }
        if (!Tasks.TryGet(task.Uid, out _))
        {
            return;
        }
        Tasks.Update(task, t =>
        {
            t.Status = record.Status;
            t.BatchUid = record.BatchUid;
            t.CanceledBy = record.CanceledBy;
            t.StartedAt = record.StartedAt;
            t.FinishedAt = record.FinishedAt;
            t.Details = record.Details ?? t.Details;
            t.Error = record.Error;
            t.Payload = null;
        });
    }
}
