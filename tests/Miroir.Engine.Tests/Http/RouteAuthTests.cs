using Miroir.Meili.Auth;
using Miroir.Engine.Tests.Node;
using Miroir.Tests.Shared;

namespace Miroir.Engine.Tests.Http;

/// <summary>Every route of the node, walked from its route table: authentication comes before the body, and <c>*</c> grants every action.</summary>
public sealed class RouteAuthTests
{
    private const string MasterKey = "a-master-key-of-sixteen-bytes-or-more";

    [Fact]
    public async Task EveryRoute_NoKey_Returns401BeforeReadingTheBody()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var anonymous = node.NewClient(null);
        Assert.Empty(await RouteWalk.UnrefusedAsync(anonymous, RouteWalk.Requests(node.Routes), key: null));
    }

    [Fact]
    public async Task EveryRoute_WrongKey_Returns403BeforeReadingTheBody()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var anonymous = node.NewClient(null);
        Assert.Empty(await RouteWalk.UnrefusedAsync(anonymous, RouteWalk.Requests(node.Routes), key: "wrong-key"));
    }

    [Fact]
    public async Task EveryRoute_MapsToAMeilisearchAction()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        // Only paths outside Meilisearch's API fall back to `*`: a mapped route must name its own action.
        var unmapped = RouteWalk.Requests(node.Routes).Where(r => RouteAction.Of(r.Method.Method, r.Path)?.Action is null or ApiKeyActions.All);
        Assert.Empty(unmapped);
    }

    [Fact]
    public async Task EveryRoute_DefaultAdminKey_SameStatusAsMasterKey()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/movies/documents", """[{"id":1,"title":"Carol"}]""");
        var keys = await node.GetJsonAsync("/keys");
        var admin = keys.GetProperty("results").EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "Default Admin API Key").GetProperty("key").GetString()!;
        var requests = RouteWalk.Requests(node.Routes.Concat(RouteWalk.MeilisearchRoutes));
        using var client = node.NewClient(null);
        Assert.Empty(await RouteWalk.DifferencesAsync(client, requests, MasterKey, admin));
    }
}
