using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Documents;

/// <summary>The write side and the read side wired together: what was written through Miroir is searched and counted once.</summary>
public sealed class WriteThenReadTests
{
    [Fact]
    public async Task Search_AfterWritesRf2_EveryDocumentOnceAndStatsCountOnce()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync();
        var docs = "[" + string.Join(",", Enumerable.Range(1, 30).Select(i => $"{{\"id\":{i},\"title\":\"red apple {i}\"}}")) + "]";
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/fruit/documents?primaryKey=id", docs)));

        var (status, result, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/fruit/search", "{\"q\":\"apple\",\"limit\":100}");

        Assert.True(status == 200, result.ToString());
        var ids = result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(1, 30), ids.Order());
        Assert.All(result.GetProperty("hits").EnumerateArray(), h => Assert.False(h.TryGetProperty("_miroir_shard", out _)));

        var (statsStatus, stats, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/fruit/stats");
        Assert.Equal(200, statsStatus);
        Assert.Equal(30, stats.GetProperty("numberOfDocuments").GetInt32());
    }
}
