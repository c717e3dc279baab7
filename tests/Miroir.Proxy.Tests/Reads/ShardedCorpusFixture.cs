namespace Miroir.Proxy.Tests.Reads;

/// <summary>One read-only sharded cluster (4 nodes, RF 2, 16 shards, 3,000 packages) shared by a test class.</summary>
public sealed class ShardedCorpusFixture : IAsyncLifetime
{
    public ShardedCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ShardedCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
