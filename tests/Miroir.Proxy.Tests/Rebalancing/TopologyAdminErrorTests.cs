using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Rebalancing;

public sealed class TopologyAdminErrorTests
{
    [Theory]
    [InlineData("POST", "/_miroir/nodes/nope/drain", null, 404, "miroir_node_not_found")]
    [InlineData("DELETE", "/_miroir/nodes/nope", null, 404, "miroir_node_not_found")]
    [InlineData("DELETE", "/_miroir/nodes/node-1", null, 409, "miroir_node_not_drained")]
    [InlineData("POST", "/_miroir/nodes", """{"id":"node-2","address":"http://127.0.0.1:1","replica_group":0}""", 409, "miroir_node_already_exists")]
    [InlineData("POST", "/_miroir/nodes", """{"id":"node-9","address":"http://127.0.0.1:1","replica_group":3}""", 400, "miroir_invalid_replica_group")]
    [InlineData("POST", "/_miroir/nodes", """{"id":"node-9","address":"http://127.0.0.1:1","replica_group":"zero"}""", 400, "miroir_invalid_replica_group")]
    [InlineData("POST", "/_miroir/nodes", """{"id":"node-9","address":"ftp://x"}""", 400, "miroir_invalid_topology_request")]
    [InlineData("POST", "/_miroir/nodes", """{"address":"http://127.0.0.1:1"}""", 400, "miroir_invalid_topology_request")]
    [InlineData("POST", "/_miroir/nodes", """{"id":""", 400, "miroir_invalid_topology_request")]
    [InlineData("POST", "/_miroir/nodes", """[1]""", 400, "miroir_invalid_topology_request")]
    [InlineData("POST", "/_miroir/groups", """{"nodes":[]}""", 400, "miroir_invalid_replica_group")]
    [InlineData("POST", "/_miroir/groups", """{"nodes":[{"id":"a","address":"http://127.0.0.1:1"},{"id":"a","address":"http://127.0.0.1:2"}]}""", 409, "miroir_node_already_exists")]
    [InlineData("POST", "/_miroir/groups", """{}""", 400, "miroir_invalid_topology_request")]
    [InlineData("DELETE", "/_miroir/groups/0", null, 400, "miroir_invalid_replica_group")]
    [InlineData("DELETE", "/_miroir/groups/7", null, 400, "miroir_invalid_replica_group")]
    [InlineData("DELETE", "/_miroir/groups/x", null, 400, "miroir_invalid_replica_group")]
    public async Task TopologyAdmin_BadRequest_MeilisearchErrorAndNothingChanges(string method, string path, string? body, int status, string code)
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 8);
        var (got, error, _) = await cluster.SendJsonAsync(new HttpMethod(method), path, body);
        Assert.Equal(status, got);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#" + code, error.GetProperty("link").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));

        var state = await RebalanceKit.StatusAsync(cluster);
        Assert.False(state.GetProperty("inProgress").GetBoolean());
        Assert.Equal("idle", state.GetProperty("phase").GetString());
        Assert.Equal(3, state.GetProperty("nodes").GetArrayLength());

        // Nothing was logged either: a restarted orchestrator still has the configured three nodes.
        await cluster.RestartProxyAsync();
        Assert.Equal(3, (await RebalanceKit.StatusAsync(cluster)).GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task DrainNode_LastNodeOfItsGroup_Refused()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1, replicaGroups: 2, shards: 8);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes/node-1/drain");
        Assert.Equal(400, status);
        Assert.Equal("miroir_invalid_replica_group", error.GetProperty("code").GetString());
    }
}
