using Miroir.Meili.Auth;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Auth;

/// <summary>Every client route of the orchestrator, walked from its route table: authentication comes before the body, and <c>*</c> grants every action.</summary>
public sealed class RouteAuthTests
{
    [Fact]
    public async Task EveryRoute_NoKeyOrWrongKey_RefusedBeforeReadingTheBody()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        var requests = RouteWalk.Requests(cluster.Proxy.Routes);

        Assert.Empty(await RouteWalk.UnrefusedAsync(anonymous, requests, key: null));
        Assert.Empty(await RouteWalk.UnrefusedAsync(anonymous, requests, key: "wrong-key"));
    }

    [Fact]
    public async Task EveryRoute_MapsToAMeilisearchAction()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 1, replicationFactor: 1);
        // Only paths outside Meilisearch's API fall back to `*`: a mapped client route must name its own action.
        var unmapped = RouteWalk.Requests(cluster.Proxy.Routes).Where(r => RouteAction.Of(r.Method.Method, r.Path)?.Action is null or ApiKeyActions.All);
        Assert.Empty(unmapped);
    }

    [Fact]
    public async Task EveryRoute_DefaultAdminKey_SameStatusAsMasterKey()
    {
        await using var cluster = await KeyRoutesTests.StartAsync();
        var created = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents", """[{"id":1,"title":"Carol"}]""");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        var (_, keys, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys");
        var admin = keys.GetProperty("results").EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "Default Admin API Key").GetProperty("key").GetString()!;
        using var client = new HttpClient { BaseAddress = new Uri(cluster.Proxy.Url) };
        var requests = RouteWalk.Requests(cluster.Proxy.Routes.Concat(RouteWalk.MeilisearchRoutes));

        Assert.Empty(await RouteWalk.DifferencesAsync(client, requests, KeyRoutesTests.MasterKey, admin));
    }
}
