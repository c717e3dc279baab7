using System.Net;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// Node trouble on the read path's own HTTP layer (a bare invoker, one deadline per scatter round): a node slower
/// than <c>node_timeout_ms</c>, a node dying mid-answer, and the node key sent without HttpClient's default headers.
/// </summary>
public sealed class NodeCallFailureTests
{
    private const string Everything = """{"q":"","limit":1000}""";

    [Fact]
    public async Task Reads_NodeSlowerThanTimeout_ItsShardsAnsweredByReplicas()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 400, nodeTimeoutMs: 300);
        cluster.Nodes[1].Delay = TimeSpan.FromSeconds(30);
        // Without the node timeout a read would wait the whole delay: the client gives up first and the test fails.
        cluster.Proxy.Timeout = TimeSpan.FromSeconds(10);
        for (var i = 0; i < 4; i++)
        {
            // Several searches: the round-robin makes the slow node a first choice in some of them.
            var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(400, ReadJson.Ids(body).Distinct().Count());
        }

        foreach (var doc in cluster.Documents.Take(40))
        {
            var (response, _) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{doc["id"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(cluster.Nodes[1].Reads > 0, "the slow node was never asked, so its timeout was not exercised");
    }

    [Fact]
    public async Task Reads_NodeCutsAnswerShort_TreatedAsFailedAndReasked()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 400);
        cluster.Nodes[2].CutsBodiesShort = true;
        for (var i = 0; i < 4; i++)
        {
            var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
            Assert.Equal(400, ReadJson.Ids(body).Distinct().Count());
        }

        foreach (var doc in cluster.Documents.Take(40))
        {
            var (response, body) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{doc["id"]}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((long)doc["id"]!, body.GetProperty("id").GetInt64());
        }

        Assert.True(cluster.Nodes[2].Reads > 0, "the failing node was never asked");
    }

    [Fact]
    public async Task Reads_BothOwnersCutAnswersShort_ShardsReportedDegraded()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 300, nodes: 2);
        cluster.Nodes[0].CutsBodiesShort = true;
        cluster.Nodes[1].CutsBodiesShort = true;
        var (response, _) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Miroir-Degraded"));
        var (get, error) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{cluster.Documents[0]["id"]}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal("miroir_shard_unavailable", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reads_NodeApiKey_SentAsBearerToEveryNode()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 300, nodeApiKey: "node-secret", nodeMasterKey: "node-secret");

        var (response, body) = await ReadJson.PostAsync(cluster.Proxy, "/indexes/packages/search", Everything);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(300, ReadJson.Ids(body).Distinct().Count());
        var (get, _) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{cluster.Documents[0]["id"]}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Reads_NodesWantAnotherKey_NodeRefusalRelayed()
    {
        await using var cluster = await ShardedCluster.StartAsync(documents: 100, nodeApiKey: "wrong", nodeMasterKey: "node-secret");
        var (response, body) = await ReadJson.GetAsync(cluster.Proxy, $"/indexes/packages/documents/{cluster.Documents[0]["id"]}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid_api_key", body.GetProperty("code").GetString());
    }
}
