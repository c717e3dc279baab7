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

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
