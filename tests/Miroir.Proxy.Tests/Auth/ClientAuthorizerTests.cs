using System.Net.Http.Headers;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Auth;

public sealed class ClientAuthorizerTests
{
    [Fact]
    public async Task Request_MasterKeyConfigured_RequiresBearerKey()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1, configure: c => c with { MasterKey = "s3cret-master-key" });
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };

        var missing = await anonymous.GetAsync("/tasks");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/tasks");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nope");
        var invalid = await anonymous.SendAsync(wrong);
        var health = await anonymous.GetAsync("/health");
        var (authorized, _, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks");

        Assert.Equal(401, (int)missing.StatusCode);
        Assert.Contains("missing_authorization_header", await missing.Content.ReadAsStringAsync());
        Assert.Equal(403, (int)invalid.StatusCode);
        Assert.Contains("invalid_api_key", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(200, authorized);
    }

    [Fact]
    public async Task Request_NoMasterKey_Open()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        Assert.Equal(200, (int)(await anonymous.GetAsync("/tasks")).StatusCode);
    }

    [Fact]
    public async Task AdminApi_NoAdminKeySet_TakesTheMasterKeyAndRefusesApiKeys()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        var (_, created, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["*"],"indexes":["*"],"expiresAt":null}""");
        using var allActions = KeyRoutesTests.Bearer(cluster, created.GetProperty("key").GetString()!);
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };

        var byKey = await allActions.GetAsync("/_miroir/rebalance/status");
        var byNobody = await anonymous.GetAsync("/_miroir/rebalance/status");
        var (byMaster, _, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/_miroir/rebalance/status");

        Assert.Equal(401, (int)byKey.StatusCode);
        Assert.Contains("miroir_invalid_auth", await byKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(401, (int)byNobody.StatusCode);
        Assert.Equal(200, byMaster);
    }
}
