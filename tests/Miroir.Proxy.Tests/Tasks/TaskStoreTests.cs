using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Tasks;

/// <summary>The task store over a real state log in a temp directory: durability, replay, sequence and pruning.</summary>
public sealed class TaskStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-tasks-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Replay_RegisteredAndFinishedTasks_RestoresStatusAndContinuesSequence()
    {
        var log = StateLog.Open(_directory);
        var store = new TaskStore(log, TimeProvider.System);
        var first = await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", 4)]);
        var local = await store.RegisterAsync(null, "taskCancelation", null, 0, []);
        await log.DisposeAsync();

        var reopened = StateLog.Open(_directory);
        var replayed = new TaskStore(reopened, TimeProvider.System);
        reopened.Replay(e => replayed.Apply(e));
        var next = await replayed.RegisterAsync("idx", "settingsUpdate", null, 0, [new NodeTaskRef("n1", 5)]);
        await reopened.DisposeAsync();

        Assert.Equal(TaskStatusNames.Enqueued, replayed.Get(first.Uid)!.Status);
        Assert.Equal(4, replayed.Get(first.Uid)!.NodeTasks[0].TaskUid);
        Assert.Equal(TaskStatusNames.Succeeded, replayed.Get(local.Uid)!.Status);
        Assert.Equal(local.Uid + 1, next.Uid);
    }

    [Fact]
    public async Task Prune_FinishedBeforeCutoff_RemovedDurablyButSequenceKept()
    {
        var log = StateLog.Open(_directory);
        var store = new TaskStore(log, TimeProvider.System);
        var old = await store.RegisterAsync(null, "taskDeletion", null, 0, []);
        var pending = await store.RegisterAsync("idx", "indexCreation", null, 0, [new NodeTaskRef("n1", 1)]);

        await store.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        await log.DisposeAsync();

        var reopened = StateLog.Open(_directory);
        var replayed = new TaskStore(reopened, TimeProvider.System);
        reopened.Replay(e => replayed.Apply(e));
        var next = await replayed.RegisterAsync(null, "taskDeletion", null, 0, []);
        await reopened.DisposeAsync();

        Assert.Null(store.Get(old.Uid));
        Assert.Null(replayed.Get(old.Uid));
        Assert.NotNull(replayed.Get(pending.Uid));
        Assert.Equal(pending.Uid + 1, next.Uid);
    }

    [Fact]
    public async Task Replay_IntentWithoutNodeTasks_IsInterruptedWithItsShards()
    {
        var log = StateLog.Open(_directory);
        var store = new TaskStore(log, TimeProvider.System);
        var cut = await store.BeginAsync("idx", "documentAdditionOrUpdate", null, 0, [new TouchedShards("n1", [1, 4]), new TouchedShards("n2", [4])]);
        var attached = await store.BeginAsync("idx", "documentAdditionOrUpdate", null, 0, [new TouchedShards("n1", [2])]);
        await store.AttachAsync(attached, [new NodeTaskRef("n1", 9)]);
        await log.DisposeAsync();

        var reopened = StateLog.Open(_directory);
        var replayed = new TaskStore(reopened, TimeProvider.System);
        reopened.Replay(e => replayed.Apply(e));

        var interrupted = Assert.Single(replayed.Interrupted());
        Assert.Equal(cut.Uid, interrupted.Uid);
        Assert.Equal(new[] { 1, 4 }, interrupted.Touches[0].Shards);
        Assert.DoesNotContain(replayed.Unfinished(), t => t.Uid == cut.Uid);
        Assert.Equal(9, replayed.Get(attached.Uid)!.NodeTasks[0].TaskUid);
        Assert.False(replayed.Get(attached.Uid)!.Pending);

        await replayed.FailInterruptedAsync(interrupted, "{\"code\":\"miroir_write_interrupted\"}"u8.ToArray());
        await reopened.DisposeAsync();

        var third = StateLog.Open(_directory);
        var again = new TaskStore(third, TimeProvider.System);
        third.Replay(e => again.Apply(e));
        await third.DisposeAsync();
        Assert.Empty(again.Interrupted());
        Assert.Equal(TaskStatusNames.Failed, again.Get(cut.Uid)!.Status);
    }

    [Fact]
    public async Task Snapshot_PendingIntent_StaysInterruptedAfterCompaction()
    {
        var log = StateLog.Open(_directory);
        var store = new TaskStore(log, TimeProvider.System);
        log.AddSource(store);
        var cut = await store.BeginAsync("idx", "documentDeletion", null, 2, [new TouchedShards("n1", [3])]);
        await log.SnapshotAsync();
        await log.DisposeAsync();

        var reopened = StateLog.Open(_directory);
        var replayed = new TaskStore(reopened, TimeProvider.System);
        reopened.Replay(e => replayed.Apply(e));
        await reopened.DisposeAsync();
        Assert.Equal(cut.Uid, Assert.Single(replayed.Interrupted()).Uid);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
