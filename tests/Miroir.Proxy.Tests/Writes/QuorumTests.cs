using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Writes;

/// <summary>01-core §3.5 <c>write_quorum</c> per shard inside a group (default one at RF 2), at least one group per shard; missed copies are hints.</summary>
public sealed class QuorumTests
{
    /// <summary>An id whose shard the node with this ordinal does (or does not) own.</summary>
    private static int IdFor(MiroirClusterFixture cluster, int nodeOrdinal, bool owned)
    {
        var map = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards);
        for (var id = 1; ; id++)
        {
            var targets = map.GetWriteTargets(map.Router.GetShard(id));
            if (targets.Contains(nodeOrdinal) == owned)
            {
                return id;
            }
        }
    }

    private static async Task CreateAsync(MiroirClusterFixture cluster) =>
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}")));

    [Fact]
    public async Task Write_TwoGroupsOneNodeDownMajority_Accepted202WithDegradedGroup()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 4, replicationFactor: 2, replicaGroups: 2, configure: c => c with { WriteQuorum = WriteQuorumPolicy.Majority });
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(202, answer.Status);
        var shard = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards).Router.GetShard(id);
        Assert.Equal($"groups=0; copies=node-1/{shard}", string.Join(",", answer.Response.Headers.GetValues("X-Miroir-Degraded")));
    }

    [Fact]
    public async Task Write_OneGroupRf2OwnerDown_Accepted202WithMissedCopyOwedAsHint()
    {
        // write_quorum defaults to one at RF 2: a group keeps taking writes with a node down (issue 12).
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var shard = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards).Router.GetShard(id);
        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(202, answer.Status);
        Assert.Equal($"copies=node-1/{shard}", string.Join(",", answer.Response.Headers.GetValues("X-Miroir-Degraded")));
        Assert.True(cluster.Proxy.Hints.Owes("node-1", "m", shard));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(answer));
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/m/documents/{id}")).Status);
    }

    [Fact]
    public async Task DeleteById_OneGroupRf2OwnerDown_Accepted202WithHint()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var shard = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards).Router.GetShard(id);
        var answer = await cluster.SendJsonAsync(HttpMethod.Delete, $"/indexes/m/documents/{id}");

        Assert.Equal(202, answer.Status);
        Assert.True(cluster.Proxy.Hints.Owes("node-1", "m", shard));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(answer));
    }

    [Fact]
    public async Task Settings_OneGroupRf2NodeDown_Accepted202AndNodeOwesEveryShardItHolds()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var answer = await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/m/settings", "{\"searchableAttributes\":[\"title\"]}");

        Assert.Equal(202, answer.Status);
        Assert.Contains("copies=node-1/", string.Join(",", answer.Response.Headers.GetValues("X-Miroir-Degraded")), StringComparison.Ordinal);
        var map = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards);
        var owned = Enumerable.Range(0, map.ShardCount).Where(s => map.GetWriteTargets(s).Contains(0)).ToArray();
        Assert.All(owned, s => Assert.True(cluster.Proxy.Hints.Owes("node-1", "m", s)));
    }

    [Fact]
    public async Task Write_OneGroupRf2OwnerDownMajority_Returns503NamingAFailedTaskAndOwesTheCopy()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, configure: c => c with { WriteQuorum = WriteQuorumPolicy.Majority });
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var shard = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards).Router.GetShard(id);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(503, status);
        Assert.Equal("miroir_no_quorum", error.GetProperty("code").GetString());
        var match = System.Text.RegularExpressions.Regex.Match(error.GetProperty("message").GetString()!, @"Task (\d+) records it as failed");
        Assert.True(match.Success, error.GetProperty("message").GetString());
        var task = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks/" + match.Groups[1].Value);
        Assert.Equal("failed", task.Body.GetProperty("status").GetString());
        Assert.Equal("miroir_no_quorum", task.Body.GetProperty("error").GetProperty("code").GetString());
        // The other owner took it: the stopped one owes the copy, so the replicas converge.
        Assert.True(cluster.Proxy.Hints.Owes("node-1", "m", shard));
    }

    [Fact]
    public async Task Write_ShardNotOwnedByStoppedNode_Accepted202WithoutDegradedHeader()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: false);
        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(202, answer.Status);
        Assert.False(answer.Response.Headers.Contains("X-Miroir-Degraded"));
        await cluster.WaitForSuccessAsync(answer.Body.GetProperty("taskUid").GetInt64());
        Assert.Equal(200, (await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/m/documents/{id}")).Status);
    }

    [Fact]
    public async Task Write_BothOwnersDown_Returns503NoQuorum()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        var map = new ShardMap(cluster.Config.ToTopology(), cluster.Config.Shards);
        var owners = map.GetWriteTargets(map.Router.GetShard(1)).ToArray();
        foreach (var owner in owners)
        {
            await cluster.StopNodeAsync(owner);
        }

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", "[{\"id\":1}]");

        Assert.Equal(503, status);
        Assert.Equal("miroir_no_quorum", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CreateIndex_NodeDown_Returns503AndRollsBack()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await cluster.StopNodeAsync(2);

        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", "{\"uid\":\"m\",\"primaryKey\":\"id\"}");

        Assert.Equal(503, status);
        Assert.Equal("miroir_shard_unavailable", error.GetProperty("code").GetString());
        foreach (var node in cluster.Nodes.Where(n => n is not null))
        {
            await node!.WaitForIdleAsync(TimeSpan.FromSeconds(10));
            using var client = new HttpClient();
            var response = await client.GetAsync(node.Url + "/indexes/m");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
