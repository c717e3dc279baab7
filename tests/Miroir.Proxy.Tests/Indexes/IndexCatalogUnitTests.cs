using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Indexes;

/// <summary>The index catalog over a real state log in a temp directory: publish on save, durability through replay.</summary>
public sealed class IndexCatalogUnitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-indexes-" + Guid.NewGuid().ToString("N"));

    private static MiroirConfig Config() => new()
    {
        Shards = 8,
        ReplicationFactor = 1,
        Nodes = [new NodeConfig { Id = "node-1", Address = "http://127.0.0.1:7701" }],
    };

    [Fact]
    public async Task SaveAsync_NewIndex_PublishedToClusterView()
    {
        var log = StateLog.Open(_directory);
        using var cluster = new ClusterState(Config());
        var catalog = new IndexCatalog(log, cluster);

        await catalog.SaveAsync(new IndexMeta("books", "id", 8));
        await log.DisposeAsync();

        Assert.Equal("id", cluster.View.FindIndex("books")?.PrimaryKey);
    }

    [Fact]
    public async Task Replay_SavedThenForgotten_RestoresOnlyTheKeptIndex()
    {
        var log = StateLog.Open(_directory);
        using (var cluster = new ClusterState(Config()))
        {
            var catalog = new IndexCatalog(log, cluster);
            await catalog.SaveAsync(new IndexMeta("books", "id", 8));
            await catalog.SaveAsync(new IndexMeta("films", null, 4));
            await catalog.ForgetAsync("books");
        }

        await log.DisposeAsync();

        var reopened = StateLog.Open(_directory);
        using var replayed = new ClusterState(Config());
        var again = new IndexCatalog(reopened, replayed);
        reopened.Replay(e => again.Apply(e));
        await reopened.DisposeAsync();

        Assert.Null(replayed.View.FindIndex("books"));
        Assert.Equal(4, replayed.View.FindIndex("films")?.Shards);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
