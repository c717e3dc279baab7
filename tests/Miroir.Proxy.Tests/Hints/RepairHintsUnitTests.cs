using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Hints;

/// <summary>Repair hints over a real state log: published in the view, cleared only up to a repair's start, durable through replay and snapshots.</summary>
public sealed class RepairHintsUnitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-hints-" + Guid.NewGuid().ToString("N"));

    private static MiroirConfig Config() => new()
    {
        Shards = 8,
        ReplicationFactor = 2,
        Nodes =
        [
            new NodeConfig { Id = "node-1", Address = "http://127.0.0.1:7701" },
            new NodeConfig { Id = "node-2", Address = "http://127.0.0.1:7702" },
        ],
    };

    [Fact]
    public async Task AddAsync_MissedShards_OwedInTheView()
    {
        var log = StateLog.Open(_directory);
        using var cluster = new ClusterState(Config());
        var hints = new RepairHints(log, cluster);
        var before = cluster.View;

        await hints.AddAsync("node-2", "books", [1, 5]);
        await log.DisposeAsync();

        Assert.True(before.Hints.IsEmpty); // a view taken before the change keeps its hints
        Assert.True(cluster.View.Hints.Owes("node-2", "books", 5));
        Assert.False(cluster.View.Hints.Owes("node-2", "books", 2));
        Assert.False(cluster.View.Hints.Owes("node-1", "books", 5));
        Assert.Equal(["node-2"], cluster.View.Hints.Nodes);
    }

    [Fact]
    public async Task ClearAsync_WriteMissedDuringTheRepair_StaysOwed()
    {
        var log = StateLog.Open(_directory);
        using var cluster = new ClusterState(Config());
        var hints = new RepairHints(log, cluster);
        await hints.AddAsync("node-2", "books", [1, 5]);

        var repairStart = hints.NextSequence;
        await hints.AddAsync("node-2", "books", [5]); // missed while the repair ran
        await hints.ClearAsync("node-2", "books", [1, 5], repairStart);
        await log.DisposeAsync();

        Assert.False(cluster.View.Hints.Owes("node-2", "books", 1));
        Assert.True(cluster.View.Hints.Owes("node-2", "books", 5));
    }

    [Fact]
    public async Task Replay_AfterAddsClearsAndDrops_RestoresWhatIsStillOwed()
    {
        var log = StateLog.Open(_directory);
        using (var cluster = new ClusterState(Config()))
        {
            var hints = new RepairHints(log, cluster);
            await hints.AddAsync("node-2", "books", [1, 5]);
            await hints.AddAsync("node-1", "films", [3]);
            await hints.AddAsync("node-1", "books", [2]);
            await hints.ClearAsync("node-2", "books", [1], hints.NextSequence);
            await hints.ForgetIndexAsync("films");
        }

        await log.DisposeAsync();

        var set = Reopen(out var sequence);
        Assert.Equal(2, set.Count);
        Assert.True(set.Owes("node-2", "books", 5));
        Assert.True(set.Owes("node-1", "books", 2));
        Assert.Equal(4, sequence); // a hint recorded after the restart never reuses a sequence still owed
    }

    [Fact]
    public async Task Snapshot_OutstandingHints_SurviveCompaction()
    {
        var log = StateLog.Open(_directory);
        using (var cluster = new ClusterState(Config()))
        {
            var hints = new RepairHints(log, cluster);
            log.AddSource(hints);
            await hints.AddAsync("node-2", "books", [1, 5]);
            await hints.AddAsync("node-2", "books", [7]);
            await hints.AddAsync("node-1", "books", [0]);
            await hints.ForgetNodeAsync("node-1");
            await log.SnapshotAsync();
            var repairStart = hints.NextSequence;
            await hints.AddAsync("node-2", "books", [1]);
            await hints.ClearAsync("node-2", "books", [1], repairStart); // the later miss stays owed
        }

        await log.DisposeAsync();

        var set = Reopen(out _);
        Assert.Equal(3, set.Count);
        Assert.Equal([1, 5, 7], set.For("node-2").Select(h => h.Hint.Shard));
        Assert.False(set.OwesAny("node-1"));
    }

    private RepairHintSet Reopen(out long nextSequence)
    {
        var reopened = StateLog.Open(_directory);
        using var replayed = new ClusterState(Config());
        var again = new RepairHints(reopened, replayed);
        reopened.Replay(e => again.Apply(e));
        nextSequence = again.NextSequence;
        reopened.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return replayed.View.Hints;
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
