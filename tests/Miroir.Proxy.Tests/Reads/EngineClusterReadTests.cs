using System.Text;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// The read routes inside the real orchestrator over real engine nodes (<see cref="MiroirClusterFixture"/>).
/// RF 1 keeps these independent of node-side filtering: every node holds exactly the shards it covers, so no
/// shard restriction is sent.
/// </summary>
public sealed class EngineClusterReadTests
{
    private static async Task<MiroirClusterFixture> StartWithDocumentsAsync(int count)
    {
        var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 1, shards: 12);
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"pkgs","primaryKey":"id"}""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        var docs = new StringBuilder("[");
        for (var i = 1; i <= count; i++)
        {
            docs.Append(i == 1 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"package").Append(i).Append("\"}");
        }

        var added = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/documents", docs.Append(']').ToString());
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
        return cluster;
    }

    [Fact]
    public async Task ListDocuments_EngineNodes_PagesConcatenateToEveryDocumentOnce()
    {
        await using var cluster = await StartWithDocumentsAsync(60);
        var seen = new List<string>();
        for (var offset = 0; offset < 75; offset += 25)
        {
            var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/pkgs/documents?offset={offset}&limit=25");
            Assert.Equal(200, status);
            Assert.Equal(60, body.GetProperty("total").GetInt32());
            Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
            seen.AddRange(ReadJson.Ids(body, "results"));
        }

        Assert.Equal(Enumerable.Range(1, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), seen.Order());
    }

    [Fact]
    public async Task Search_EngineNodes_EveryDocumentOnceWithoutReservedFields()
    {
        await using var cluster = await StartWithDocumentsAsync(60);
        var (status, body, response) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/search", """{"q":"package","limit":100}""");
        Assert.Equal(200, status);
        Assert.False(response.Headers.Contains("X-Miroir-Degraded"));
        Assert.Equal(60, ReadJson.Ids(body).Distinct().Count());
        Assert.Equal(60, body.GetProperty("estimatedTotalHits").GetInt32());
        Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_rankingScore", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_EngineNodeStopped_DegradedHeaderNamesItsShards()
    {
        await using var cluster = await StartWithDocumentsAsync(30);
        await cluster.StopNodeAsync(0);
        var (status, body, response) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/pkgs/search", """{"q":"","limit":100}""");
        Assert.Equal(200, status);
        var header = string.Join(',', response.Headers.GetValues("X-Miroir-Degraded"));
        Assert.StartsWith("shards=", header, StringComparison.Ordinal);
        Assert.InRange(ReadJson.Ids(body).Count, 1, 29);
    }
}
