using Miroir.Engine.Tasks;

namespace Miroir.Engine.Node;

/// <summary>
/// Encodes and decodes node log records (layout: kind byte, then BinaryWriter fields in
/// the order below; strings are length-prefixed UTF-8, optional values carry a bool first).
/// </summary>
internal static class NodeRecords
{
    public static byte[] TaskEnqueued(EngineTask t)
    {
        using var ms = new MemoryStream(64 + (t.Payload?.Data.Length ?? 0));
        using var w = new BinaryWriter(ms);
        w.Write((byte)NodeRecordKind.TaskEnqueued);
        WriteEnqueued(w, t);
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>The fields of an enqueued task (shared with snapshots).</summary>
    public static void WriteEnqueued(BinaryWriter w, EngineTask t)
    {
        var p = t.Payload ?? TaskPayload.Empty;
        w.Write(t.Uid);
        w.Write((byte)t.Kind);
        w.Write(t.EnqueuedAt.UtcTicks);
        WriteOptional(w, t.IndexUid);
        WriteOptional(w, p.PrimaryKey);
        w.Write(p.UpdateExisting);
        w.Write(p.Count);
        WriteBytes(w, t.Details);
        WriteBytes(w, p.Data.Span);
    }

    public static EngineTask ReadEnqueued(BinaryReader r)
    {
        var uid = r.ReadInt64();
        var kind = (TaskKind)r.ReadByte();
        var enqueuedAt = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
        var indexUid = ReadOptional(r);
        var primaryKey = ReadOptional(r);
        var updateExisting = r.ReadBoolean();
        var count = r.ReadInt32();
        var details = ReadBytes(r);
        var data = ReadBytes(r);
        return new EngineTask
        {
            Uid = uid,
            Kind = kind,
            EnqueuedAt = enqueuedAt,
            IndexUid = indexUid,
            Details = details.Length == 0 ? null : details,
            Payload = new TaskPayload { Data = data, PrimaryKey = primaryKey, UpdateExisting = updateExisting, Count = count },
        };
    }

    public static byte[] TaskFinished(EngineTask t, IReadOnlyCollection<long> affected)
    {
        using var ms = new MemoryStream(128);
        using var w = new BinaryWriter(ms);
        w.Write((byte)NodeRecordKind.TaskFinished);
        WriteFinished(w, t);
        w.Write(affected.Count);
        foreach (var uid in affected)
        {
            w.Write(uid);
        }
        w.Flush();
        return ms.ToArray();
    }

    /// <summary>The outcome fields of a finished task (shared with snapshots).</summary>
    public static void WriteFinished(BinaryWriter w, EngineTask t)
    {
        w.Write(t.Uid);
        w.Write((byte)t.Status);
        w.Write(t.BatchUid ?? -1);
        w.Write(t.CanceledBy ?? -1);
        w.Write(t.StartedAt?.UtcTicks ?? -1);
        w.Write(t.FinishedAt?.UtcTicks ?? -1);
        WriteBytes(w, t.Details);
        w.Write(t.Error is not null);
        if (t.Error is { } e)
        {
            w.Write(e.Message);
            w.Write(e.Code);
            w.Write(e.Type);
            w.Write(e.Link);
        }
    }

    /// <summary>Reads the outcome written by <see cref="WriteFinished"/> and applies it to <paramref name="resolve"/>'s task.</summary>
    public static long ReadFinished(BinaryReader r, Func<long, EngineTask?> resolve)
    {
        var uid = r.ReadInt64();
        var status = (EngineTaskStatus)r.ReadByte();
        var batchUid = r.ReadInt64();
        var canceledBy = r.ReadInt64();
        var startedAt = r.ReadInt64();
        var finishedAt = r.ReadInt64();
        var details = ReadBytes(r);
        TaskError? error = null;
        if (r.ReadBoolean())
        {
            error = new TaskError(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString());
        }
        if (resolve(uid) is { } t)
        {
            t.Status = status;
            t.BatchUid = batchUid < 0 ? null : batchUid;
            t.CanceledBy = canceledBy < 0 ? null : canceledBy;
            t.StartedAt = startedAt < 0 ? null : new DateTimeOffset(startedAt, TimeSpan.Zero);
            t.FinishedAt = finishedAt < 0 ? null : new DateTimeOffset(finishedAt, TimeSpan.Zero);
            t.Details = details.Length == 0 ? null : details;
            t.Error = error;
        }
        return uid;
    }

    public static List<long> ReadAffected(BinaryReader r)
    {
        var count = r.ReadInt32();
        var list = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(r.ReadInt64());
        }
        return list;
    }

    public static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    public static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    public static void WriteBytes(BinaryWriter w, ReadOnlySpan<byte> bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    public static byte[] ReadBytes(BinaryReader r) => r.ReadBytes(r.ReadInt32());
}
