using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Server;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Auth;

/// <summary>/keys through the orchestrator: Meilisearch's shapes and errors, durability, replication to nodes.</summary>
public sealed class KeyRoutesTests
{
    internal const string MasterKey = "orchestrator-master-key-0123456789";
    internal const string NodeKey = "node-master-key-0123456789abcdef";

    [Fact]
    public async Task Keys_Crud_MeilisearchShapesAndSameKeyOnEveryNode()
    {
        await using var cluster = await StartAsync();

        var (listStatus, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        Assert.Equal(200, listStatus);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal("Default Admin API Key", list.GetProperty("results")[0].GetProperty("name").GetString());

        var (status, created, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys",
            """{"name":"reader","description":"d","actions":["search","documents.get"],"indexes":["movies"],"expiresAt":null}""");
        Assert.Equal(201, status);
        var uid = created.GetProperty("uid").GetString()!;
        var value = created.GetProperty("key").GetString()!;
        Assert.Equal(64, value.Length);
        Assert.Equal(["search", "documents.get"], created.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("expiresAt").ValueKind);

        // Every node holds the same key (same uid, same value).
        foreach (var node in cluster.Nodes)
        {
            var onNode = await NodeGetAsync(node!.Url, "/keys/" + uid);
            Assert.Equal(value, onNode.GetProperty("key").GetString());
        }

        var (getStatus, byValue, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys/" + value);
        Assert.Equal(200, getStatus);
        Assert.Equal(uid, byValue.GetProperty("uid").GetString());

        var (patchStatus, patched, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/keys/" + uid, """{"name":"renamed"}""");
        Assert.Equal(200, patchStatus);
        Assert.Equal("renamed", patched.GetProperty("name").GetString());
        Assert.Equal("d", patched.GetProperty("description").GetString());
        Assert.Equal("renamed", (await NodeGetAsync(cluster.Nodes[0]!.Url, "/keys/" + uid)).GetProperty("name").GetString());

        var delete = await cluster.SendAsync(HttpMethod.Delete, "/keys/" + uid);
        Assert.Equal(204, (int)delete.StatusCode);
        var (goneStatus, gone, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys/" + uid);
        Assert.Equal(404, goneStatus);
        Assert.Equal("api_key_not_found", gone.GetProperty("code").GetString());
        using var nodeClient = NodeClient(cluster.Nodes[1]!.Url);
        Assert.Equal(404, (int)(await nodeClient.GetAsync("/keys/" + uid)).StatusCode);
    }

    [Fact]
    public async Task Keys_BadInput_MeilisearchErrorsAndNothingWritten()
    {
        await using var cluster = await StartAsync();

        var (missing, missingBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"]}""");
        var (badAction, badActionBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["fly"],"indexes":["*"],"expiresAt":null}""");
        var (past, pastBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"],"expiresAt":"2000-01-01"}""");
        var (immutable, immutableBody, _) = await cluster.SendJsonAsync(HttpMethod.Patch, "/keys/" + (await FirstKeyAsync(cluster)).Uid, """{"actions":["*"]}""");
        var (unknown, unknownBody, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys/" + Guid.NewGuid());
        var (malformed, malformedBody, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", "{not json");

        Assert.Equal((400, "missing_api_key_expires_at"), (missing, missingBody.GetProperty("code").GetString()));
        Assert.Equal((400, "invalid_api_key_actions"), (badAction, badActionBody.GetProperty("code").GetString()));
        Assert.Equal((400, "invalid_api_key_expires_at"), (past, pastBody.GetProperty("code").GetString()));
        Assert.Equal((400, "immutable_api_key_actions"), (immutable, immutableBody.GetProperty("code").GetString()));
        Assert.Equal((404, "api_key_not_found"), (unknown, unknownBody.GetProperty("code").GetString()));
        Assert.Equal((400, "malformed_payload"), (malformed, malformedBody.GetProperty("code").GetString()));
        foreach (var body in new[] { missingBody, badActionBody, unknownBody })
        {
            Assert.StartsWith("https://docs.meilisearch.com/errors#", body.GetProperty("link").GetString(), StringComparison.Ordinal);
        }

        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(2, (await NodeGetAsync(cluster.Nodes[0]!.Url, "/keys")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Keys_SurviveOrchestratorRestart()
    {
        await using var cluster = await StartAsync();
        var (_, created, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["version"],"indexes":["*"],"expiresAt":null}""");
        var (_, deleted, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["version"],"indexes":["*"],"expiresAt":null}""");
        await cluster.SendAsync(HttpMethod.Delete, "/keys/" + deleted.GetProperty("uid").GetString());

        await cluster.RestartProxyAsync();

        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        using var client = Bearer(cluster, created.GetProperty("key").GetString()!);
        Assert.Equal(200, (int)(await client.GetAsync("/version")).StatusCode);
        using var revoked = Bearer(cluster, deleted.GetProperty("key").GetString()!);
        Assert.Equal(403, (int)(await revoked.GetAsync("/version")).StatusCode);
    }

    [Fact]
    public async Task Keys_NoMasterKey_MissingMasterKey()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        Assert.Equal(401, status);
        Assert.Equal("missing_master_key", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Keys_OneNodeDown_CreatedOnMajorityAndRepairedWhenItReturns()
    {
        await using var cluster = await StartAsync();
        await cluster.StopNodeAsync(2);

        var (status, created, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");
        Assert.Equal(201, status);
        var uid = created.GetProperty("uid").GetString()!;

        await cluster.StartNodeAsync(2);
        using var node = NodeClient(cluster.Nodes[2]!.Url);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((int)(await node.GetAsync("/keys/" + uid)).StatusCode != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "the returning node never got the key");
            await Task.Delay(100);
        }

        var onNode = await NodeGetAsync(cluster.Nodes[2]!.Url, "/keys/" + uid);
        Assert.Equal(created.GetProperty("key").GetString(), onNode.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Keys_MajorityDown_NoQuorumAndNothingRecorded()
    {
        await using var cluster = await StartAsync();
        await cluster.StopNodeAsync(1);
        await cluster.StopNodeAsync(2);

        var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");

        Assert.Equal(503, status);
        Assert.Equal("miroir_no_quorum", body.GetProperty("code").GetString());
        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    internal static Task<MiroirClusterFixture> StartAsync(ProxyServerOptions? options = null) =>
        MiroirClusterFixture.StartAsync(configure: c => c with { MasterKey = MasterKey }, nodeMasterKey: NodeKey, proxyOptions: options);

    internal static HttpClient Bearer(MiroirClusterFixture cluster, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal static async Task<(string Uid, string Key)> FirstKeyAsync(MiroirClusterFixture cluster)
    {
        var (_, list, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        var first = list.GetProperty("results")[0];
        return (first.GetProperty("uid").GetString()!, first.GetProperty("key").GetString()!);
    }

    private static HttpClient NodeClient(string url)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NodeKey);
        return client;
    }

    private static async Task<JsonElement> NodeGetAsync(string url, string path)
    {
        using var client = NodeClient(url);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"node GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(Encoding.UTF8.GetBytes(text)).RootElement.Clone();
    }
}
