using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Tests.Cluster;

public sealed class ClusterViewUnitTests
{
    private static MiroirConfig Config(int nodes) => new()
    {
        Shards = 8,
        ReplicationFactor = 1,
        Nodes = [.. Enumerable.Range(1, nodes).Select(i => new NodeConfig { Id = $"node-{i}", Address = $"http://127.0.0.1:{7700 + i}" })],
    };

    [Fact]
    public void View_IndexChangedAfterCapture_CapturedViewUnchanged()
    {
        using var state = new ClusterState(Config(2));
        state.SetIndex(new IndexMeta("books", null, 8));
        var captured = state.View;

        state.SetIndex(new IndexMeta("books", "id", 8));
        state.SetIndex(new IndexMeta("films", null, 8));
        state.RemoveIndex("books");

        Assert.Null(captured.FindIndex("books")!.PrimaryKey);
        Assert.Null(captured.FindIndex("films"));
        Assert.Equal(["books"], captured.Indexes.Select(i => i.Uid));
        Assert.Null(state.View.FindIndex("books"));
        Assert.Equal(["films"], state.View.Indexes.Select(i => i.Uid));
    }

    [Fact]
    public void View_NodeFailsAfterCapture_CapturedViewStillReadsIt_NewViewDoesNot()
    {
        using var state = new ClusterState(Config(3));
        var captured = state.View;

        state.NodeStates.Set("node-2", NodeState.Failed);

        var ordinal = captured.Topology.GetOrdinal("node-2");
        Assert.True(captured.IsReadable(ordinal));
        Assert.False(state.View.IsReadable(ordinal));
        Assert.Equal(NodeState.Failed, state.View.StateOf("node-2"));
        Assert.True(state.View.IsReadableNode("node-1"));
    }

    [Fact]
    public void View_TopologyShrinksAfterCapture_CapturedNodesStillMatchItsShardMaps()
    {
        using var state = new ClusterState(Config(3));
        state.SetIndex(new IndexMeta("books", "id", 8));
        var captured = state.View;

        var smaller = new Topology([new TopologyNode("node-1", "http://127.0.0.1:7701", 0)], 1, 1);
        state.Publish(smaller, null);

        var map = captured.ShardMap(captured.FindIndex("books")!);
        Assert.Equal(3, captured.Nodes.Count);
        for (var ordinal = 0; ordinal < captured.Nodes.Count; ordinal++)
        {
            Assert.Equal(map.GetNode(ordinal).Id, captured.Nodes[ordinal].Id);
        }

        Assert.Single(state.View.Nodes);
        Assert.Equal("books", state.View.FindIndex("books")!.Uid); // index metadata carried into the new view
    }

    [Fact]
    public void View_ConcurrentChanges_LatestViewHoldsEveryChange()
    {
        using var state = new ClusterState(Config(4));
        Parallel.For(0, 200, i =>
        {
            state.SetIndex(new IndexMeta($"index-{i:000}", null, 8));
            state.NodeStates.Set($"node-{(i % 4) + 1}", i % 2 == 0 ? NodeState.Degraded : NodeState.Healthy);
        });

        Assert.Equal(200, state.View.Indexes.Count);
        Assert.Equal([.. state.View.Indexes.Select(i => i.Uid).Order(StringComparer.Ordinal)], state.View.Indexes.Select(i => i.Uid));
        foreach (var id in new[] { "node-1", "node-2", "node-3", "node-4" })
        {
            Assert.Equal(state.NodeStates.Get(id), state.View.StateOf(id));
        }
    }
}
