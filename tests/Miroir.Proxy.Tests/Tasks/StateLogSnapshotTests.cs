using System.Text.Json;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Tasks;

/// <summary>
/// State snapshots over a real log in a temp directory: snapshot + tail replay, compaction, the task sequence,
/// torn writes after a snapshot, a torn snapshot, and snapshots racing appends.
/// </summary>
public sealed class StateLogSnapshotTests : IDisposable
{
    // Segments of 4 KiB: a few dozen records seal one, so compaction has something to delete.
    private static readonly StateLogOptions Small = new() { SnapshotAfterBytes = 16 * 1024 };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-statesnap-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Snapshot_ThenMoreWrites_RestartReplaysSnapshotPlusTailAndCompacts()
    {
        var (log, store) = Open();
        var registered = new List<MiroirTask>();
        for (var i = 0; i < 120; i++)
        {
            registered.Add(await store.RegisterAsync("idx", "documentAdditionOrUpdate", null, 0, [new NodeTaskRef("n1", i)]));
        }

        var finished = await store.RegisterAsync(null, "taskDeletion", "{\"deletedTasks\":0}"u8.ToArray(), 0, []);
        await store.DeleteAsync([registered[0].Uid, registered[1].Uid]);
        await log.SnapshotAsync();
        var snapshotLsn = log.SnapshotLsn;
        var tail = await store.RegisterAsync("idx", "settingsUpdate", null, 0, [new NodeTaskRef("n2", 9)]);
        await store.DeleteAsync([registered[2].Uid]);
        await log.DisposeAsync();

        Assert.True(snapshotLsn > 0);
        Assert.False(File.Exists(Path.Combine(_directory, "00000000000000000001.log")), "the segments the snapshot covers are deleted");
        Assert.Single(Directory.GetFiles(_directory, "*.snap"));

        var (reopened, replayed) = Open();
        var next = await replayed.RegisterAsync(null, "taskDeletion", null, 0, []);
        await reopened.DisposeAsync();

        Assert.Null(replayed.Get(registered[0].Uid));
        Assert.Null(replayed.Get(registered[1].Uid));
        Assert.Null(replayed.Get(registered[2].Uid));
        Assert.Equal(117 + 2 + 1, replayed.Count);
        Assert.Equal(41, replayed.Get(registered[41].Uid)!.NodeTasks[0].TaskUid);
        Assert.Equal(TaskStatusNames.Enqueued, replayed.Get(registered[41].Uid)!.Status);
        Assert.Equal(TaskStatusNames.Succeeded, replayed.Get(finished.Uid)!.Status);
        Assert.True(replayed.Get(finished.Uid)!.Persisted);
        Assert.Equal("{\"deletedTasks\":0}", System.Text.Encoding.UTF8.GetString(replayed.Get(finished.Uid)!.Details!));
        Assert.Equal("n2", replayed.Get(tail.Uid)!.NodeTasks[0].NodeId);
        Assert.Equal(tail.Uid + 1, next.Uid);
    }

    [Fact]
    public async Task Snapshot_EveryTaskDeleted_SequenceStillContinues()
    {
        var (log, store) = Open();
        var a = await store.RegisterAsync(null, "taskDeletion", null, 0, []);
        var b = await store.RegisterAsync(null, "taskDeletion", null, 0, []);
        await store.DeleteAsync([a.Uid, b.Uid]);
        await log.SnapshotAsync();
        await log.DisposeAsync();

        var (reopened, replayed) = Open();
        var next = await replayed.RegisterAsync(null, "taskDeletion", null, 0, []);
        await reopened.DisposeAsync();

        Assert.Equal(b.Uid + 1, next.Uid);
    }

    [Fact]
    public async Task TornWriteAfterSnapshot_RecoveryKeepsEveryAcknowledgedRecord()
    {
        var (log, store) = Open();
        var uids = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            uids.Add((await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", i)])).Uid);
        }

        await log.SnapshotAsync();
        for (var i = 0; i < 5; i++)
        {
            uids.Add((await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", 100 + i)])).Uid);
        }

        await log.DisposeAsync();

        // A crash in the middle of the next write leaves half a record at the end of the active segment.
        var active = Directory.GetFiles(_directory, "*.log").Max()!;
        await using (var file = new FileStream(active, FileMode.Append))
        {
            var header = new byte[24];
            BitConverter.TryWriteBytes(header.AsSpan(8), 1_000_000L);
            BitConverter.TryWriteBytes(header.AsSpan(16), 400);
            file.Write(header);
            file.Write("{\"r\":\"task\",\"uid\":99"u8);
        }

        var (reopened, replayed) = Open();
        var next = await replayed.RegisterAsync(null, "taskDeletion", null, 0, []);
        await reopened.DisposeAsync();

        Assert.All(uids, uid => Assert.NotNull(replayed.Get(uid)));
        Assert.Equal(uids.Count, replayed.Count - 1);
        Assert.Equal(uids[^1] + 1, next.Uid);
    }

    [Fact]
    public async Task TornSnapshot_LeftAsTempFile_IgnoredAndStateIntact()
    {
        var (log, store) = Open();
        var uids = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            uids.Add((await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", i)])).Uid);
        }

        await log.SnapshotAsync();
        uids.Add((await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", 77)])).Uid);
        await log.DisposeAsync();

        // Killed while writing the next snapshot: only its temp file exists, half written.
        await File.WriteAllBytesAsync(Path.Combine(_directory, "00000000000000099999.snap.tmp"), new byte[100]);

        var (reopened, replayed) = Open();
        await reopened.DisposeAsync();

        Assert.All(uids, uid => Assert.NotNull(replayed.Get(uid)));
        Assert.Empty(Directory.GetFiles(_directory, "*.snap.tmp"));
    }

    [Fact]
    public async Task SnapshotsRacingAppends_NoAcknowledgedTaskLost()
    {
        var (log, store) = Open();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 150; i++)
            {
                mine.Add((await store.RegisterAsync("idx", "documentAdditionOrUpdate", null, 0, [new NodeTaskRef("n" + w, i)])).Uid);
            }

            return mine;
        })).ToArray();
        var snapshots = 0;
        while (!writers.All(w => w.IsCompleted))
        {
            await log.SnapshotAsync();
            snapshots++;

            // Let held-back appends in before closing the gate again (the background worker waits for more bytes).
            await Task.Delay(5);
        }

        var acknowledged = (await Task.WhenAll(writers)).SelectMany(u => u).ToList();
        await log.DisposeAsync();

        var (reopened, replayed) = Open();
        await reopened.DisposeAsync();

        Assert.True(snapshots > 1);
        Assert.Equal(600, acknowledged.Count);
        Assert.All(acknowledged, uid => Assert.NotNull(replayed.Get(uid)));
    }

    [Fact]
    public async Task Appends_PastThreshold_SnapshotWrittenInBackground()
    {
        var (log, store) = Open();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (log.SnapshotLsn == 0)
        {
            await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", 1)]);
            Assert.True(DateTime.UtcNow < deadline, "no snapshot was written");
        }

        await log.DisposeAsync();
        Assert.True(log.BytesSinceSnapshot < Small.SnapshotAfterBytes);
    }

    [Fact]
    public async Task SnapshotSource_AddedByAnotherOwner_ItsRecordsReplayed()
    {
        var (log, store) = Open();
        log.AddSource(new FixedRecords("{\"r\":\"custom\",\"value\":42}", "custom"));
        await store.RegisterAsync(null, "taskDeletion", null, 0, []);
        await log.SnapshotAsync();
        await log.DisposeAsync();

        var kinds = new List<string>();
        await using var reopened = StateLog.Open(_directory, Small);
        reopened.Replay(e => kinds.Add(e.GetProperty("r").GetString()!));

        Assert.Equal(new[] { "task", "done", "taskSequence", "custom" }, kinds);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private (StateLog Log, TaskStore Store) Open()
    {
        var log = StateLog.Open(_directory, Small);
        var store = new TaskStore(log, TimeProvider.System);
        log.AddSource(store);
        log.Replay(e => store.Apply(e));
        return (log, store);
    }

    [Fact]
    public async Task RecordKindWithoutSource_SnapshotSkippedAndLogKeptWhole()
    {
        var (log, store) = Open();
        await store.RegisterAsync(null, "taskDeletion", null, 0, []);
        await log.AppendAsync(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("r", "unclaimed");
            w.WriteEndObject();
        });
        await log.SnapshotAsync();
        await log.DisposeAsync();

        Assert.Equal(0, log.SnapshotLsn);
        Assert.Empty(Directory.GetFiles(_directory, "*.snap"));
        Assert.True(File.Exists(Path.Combine(_directory, "00000000000000000001.log")));
    }

    private sealed class FixedRecords(string json, string kind) : IStateSnapshotSource
    {
        public IReadOnlyCollection<string> RecordKinds { get; } = [kind];

        public void WriteSnapshot(StateSnapshotWriter writer) =>
            writer.Write(json, static (w, j) => JsonDocument.Parse(j).RootElement.WriteTo(w));
    }
}
