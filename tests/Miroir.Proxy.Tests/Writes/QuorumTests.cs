using Miroir.Core.Routing;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Writes;

/// <summary>Spec §3.5 quorum: floor(RF/2)+1 owners per shard inside a group, at least one group per shard.</summary>
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
    public async Task Write_TwoGroupsOneNodeDown_Accepted202WithDegradedGroup()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 4, replicationFactor: 2, replicaGroups: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(202, answer.Status);
        Assert.Equal("groups=0", string.Join(",", answer.Response.Headers.GetValues("X-Miroir-Degraded")));
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
    public async Task Write_OneGroupRf2OwnerDown_Returns503NoQuorum()
    {
        // RF 2 needs floor(2/2)+1 = 2 acknowledgements: with a single group, losing one owner loses quorum.
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2);
        await CreateAsync(cluster);
        await cluster.StopNodeAsync(0);

        var id = IdFor(cluster, 0, owned: true);
        var (status, error, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", $"[{{\"id\":{id}}}]");

        Assert.Equal(503, status);
        Assert.Equal("miroir_no_quorum", error.GetProperty("code").GetString());
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
