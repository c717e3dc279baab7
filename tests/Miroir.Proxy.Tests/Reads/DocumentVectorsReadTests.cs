using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// <c>retrieveVectors</c> on the documents routes through the orchestrator over real engine nodes: passed to the
/// nodes (GET query parameter, fetch body field), reserved <c>_miroir_*</c> fields still stripped, a bad value
/// answered with the node's error.
/// </summary>
public sealed class DocumentVectorsReadTests
{
    private static async Task<MiroirClusterFixture> StartAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1, shards: 4);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(
            await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"v","primaryKey":"id"}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch,
            "/indexes/v/settings", """{"embedders":{"manual":{"source":"userProvided","dimensions":2}}}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post,
            "/indexes/v/documents", """[{"id":1,"_vectors":{"manual":[1,0]}},{"id":2,"_vectors":{"manual":[0,1]}},{"id":3,"_vectors":{"manual":[1,1]}}]""")));
        return cluster;
    }

    [Fact]
    public async Task Documents_RetrieveVectors_PassedToNodesAndReservedFieldsStripped()
    {
        await using var cluster = await StartAsync();

        var (status, one, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/v/documents/2?retrieveVectors=true");
        Assert.Equal(200, status);
        Assert.Equal(["_vectors", "id"], Names(one));
        Assert.Equal([0.0, 1.0], one.GetProperty("_vectors").GetProperty("manual").GetProperty("embeddings")[0].EnumerateArray().Select(v => v.GetDouble()));

        var (listStatus, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/v/documents?retrieveVectors=true&fields=id");
        var (fetchStatus, fetch, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/v/documents/fetch", """{"retrieveVectors":true}""");
        Assert.Equal(200, listStatus);
        Assert.Equal(200, fetchStatus);
        foreach (var page in new[] { list, fetch })
        {
            Assert.Equal(3, page.GetProperty("results").GetArrayLength());
            Assert.All(page.GetProperty("results").EnumerateArray(), d => Assert.Equal(["_vectors", "id"], Names(d)));
        }

        // The nodes do hold reserved fields next to `_vectors`: the orchestrator is what strips them.
        using var direct = new HttpClient();
        var onNode = await direct.GetStringAsync(cluster.Nodes[0]!.Url + "/indexes/v/documents?retrieveVectors=true");
        Assert.Contains("\"_miroir_", onNode, StringComparison.Ordinal);
        Assert.Contains("\"_vectors\"", onNode, StringComparison.Ordinal);

        var (_, hidden, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/v/documents");
        Assert.All(hidden.GetProperty("results").EnumerateArray(), d => Assert.Equal(["id"], Names(d)));
    }

    [Theory]
    [InlineData("GET", "/indexes/v/documents?retrieveVectors=True", null)]
    [InlineData("GET", "/indexes/v/documents/1?retrieveVectors=1", null)]
    [InlineData("POST", "/indexes/v/documents/fetch", """{"retrieveVectors":"true"}""")]
    public async Task Documents_InvalidRetrieveVectors_NodeErrorPassedThrough(string method, string path, string? body)
    {
        await using var cluster = await StartAsync();

        var (status, error, _) = await cluster.SendJsonAsync(new HttpMethod(method), path, body);

        Assert.Equal(400, status);
        Assert.Equal("invalid_document_retrieve_vectors", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
    }

    private static List<string> Names(JsonElement doc) => [.. doc.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
