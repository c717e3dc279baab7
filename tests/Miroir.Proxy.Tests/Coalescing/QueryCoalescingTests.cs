using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Tests.Reads.Tail;
using Xunit.Abstractions;

namespace Miroir.Proxy.Tests.Coalescing;

/// <summary>
/// Query coalescing on a real cluster whose nodes sit behind slowed relays (so searches overlap), spec §13.10:
/// identical concurrent searches share one scatter and its bytes; other callers never share an answer.
/// </summary>
public sealed class QueryCoalescingTests(ITestOutputHelper output)
{
    private const string Search = """{"q":"colour3","limit":5}""";

    [Fact]
    public async Task Search_50IdenticalConcurrent_ByteIdenticalAndFewNodeSearches()
    {
        await using var cluster = await StartAsync();
        SlowAll(cluster, TimeSpan.FromSeconds(1));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(cluster.Cluster.Client, Search)));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.True(await cluster.MetricAsync("miroir_query_coalesce_hits_total") > 0);
        Assert.Equal(50, await cluster.MetricAsync("miroir_query_coalesce_subscribers_total"));
        output.WriteLine($"50 identical concurrent searches: {NodeSearches(cluster)} node searches, "
            + $"{await cluster.MetricAsync("miroir_query_coalesce_hits_total")} coalesce hits");
        Assert.True(NodeSearches(cluster) < 10, $"nodes saw {NodeSearches(cluster)} searches for 50 identical client searches");
    }

    [Fact]
    public async Task Search_GetIdenticalConcurrent_Shared()
    {
        await using var cluster = await StartAsync();
        SlowAll(cluster, TimeSpan.FromSeconds(1));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await cluster.Cluster.Client.GetAsync($"/indexes/{SlowNodeCluster.Uid}/search?q=item&limit=3");
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal((200, answers[0].Item2), a));
        Assert.True(NodeSearches(cluster) < 10, $"nodes saw {NodeSearches(cluster)} searches");
    }

    [Fact]
    public async Task Search_DifferentBodies_NotShared()
    {
        await using var cluster = await StartAsync();
        SlowAll(cluster, TimeSpan.FromMilliseconds(300));

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostAsync(cluster.Cluster.Client, $$"""{"q":"item","limit":{{i + 1}}}""")));

        Assert.Equal([1, 2, 3, 4], answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("hits").GetArrayLength()));
        Assert.Equal(0, await cluster.MetricAsync("miroir_query_coalesce_hits_total"));
    }

    [Fact]
    public async Task Search_TwoTenantTokens_NeverShareAnAnswer()
    {
        await using var cluster = await StartAsync(c => c with { MasterKey = "coalesce-master-key-0123456789" });
        var filterable = await cluster.Cluster.SendJsonAsync(HttpMethod.Patch, $"/indexes/{SlowNodeCluster.Uid}/settings", """{"filterableAttributes":["rank"]}""");
        await cluster.Cluster.WaitForSuccessAsync(Tests.Cluster.MiroirClusterFixture.TaskUidOf(filterable));
        var (_, key, _) = await cluster.Cluster.SendJsonAsync(HttpMethod.Post, "/keys", """{"actions":["search"],"indexes":["*"],"expiresAt":null}""");
        var (uid, value) = (key.GetProperty("uid").GetString()!, key.GetProperty("key").GetString()!);
        using var tenantOne = Bearer(cluster, TenantToken(uid, value, $$$"""{"{{{SlowNodeCluster.Uid}}}":{"filter":"rank = 1"}}"""));
        using var tenantTwo = Bearer(cluster, TenantToken(uid, value, $$$"""{"{{{SlowNodeCluster.Uid}}}":{"filter":"rank = 2"}}"""));
        SlowAll(cluster, TimeSpan.FromSeconds(1));

        var one = Enumerable.Range(0, 10).Select(_ => PostAsync(tenantOne, """{"q":"item","limit":200}""")).ToArray();
        var two = Enumerable.Range(0, 10).Select(_ => PostAsync(tenantTwo, """{"q":"item","limit":200}""")).ToArray();
        await Task.WhenAll(one.Concat(two));

        Assert.All(one, a => Assert.Equal([1], Ranks(a.Result.Body)));
        Assert.All(two, a => Assert.Equal([2], Ranks(a.Result.Body)));
        Assert.True(await cluster.MetricAsync("miroir_query_coalesce_hits_total") > 0);
    }

    [Fact]
    public async Task Search_FailedScatter_EverySubscriberGetsTheSameError()
    {
        await using var cluster = await StartAsync(c => c with { Scatter = c.Scatter with { UnavailableShardPolicy = UnavailableShardPolicy.Error } });
        SlowAll(cluster, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2; i++)
        {
            cluster.Relay(i).Failing = true;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(cluster.Cluster.Client, Search)));

        Assert.All(answers, a => Assert.Equal((503, answers[0].Body), a));
        Assert.Contains("miroir_shard_unavailable", answers[0].Body, StringComparison.Ordinal);
        Assert.True(await cluster.MetricAsync("miroir_query_coalesce_hits_total") > 0);
    }

    [Fact]
    public async Task Search_LeaderClientDisconnects_OthersStillAnswered()
    {
        await using var cluster = await StartAsync();
        using var leaving = new CancellationTokenSource();

        SlowAll(cluster, TimeSpan.FromSeconds(3));
        var leader = PostAsync(cluster.Cluster.Client, Search, leaving.Token);
        await WaitUntilAsync(() => Task.FromResult(NodeSearches(cluster) > 0));
        var follower = PostAsync(cluster.Cluster.Client, Search);
        await WaitUntilAsync(async () => await cluster.MetricAsync("miroir_query_coalesce_hits_total") == 1);
        await leaving.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        Assert.Equal(200, (await follower).Status);
        Assert.True(NodeSearches(cluster) <= 2, $"nodes saw {NodeSearches(cluster)} searches: the shared scatter was cancelled and asked again");
    }

    [Fact]
    public async Task Disabled_IdenticalConcurrent_EachScatters()
    {
        await using var cluster = await StartAsync(c => c with { QueryCoalescing = c.QueryCoalescing with { Enabled = false } });
        SlowAll(cluster, TimeSpan.FromMilliseconds(200));

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(cluster.Cluster.Client, Search)));

        Assert.True(NodeSearches(cluster) >= 5, $"nodes saw {NodeSearches(cluster)} searches");
    }

    // A wide window: every search of a test starts while the first is in flight, however slow the machine.
    private static Task<SlowNodeCluster> StartAsync(Func<MiroirConfig, MiroirConfig>? configure = null) =>
        SlowNodeCluster.StartAsync(nodes: 2, replicationFactor: 2, config =>
        {
            config = config with
            {
                Hedging = config.Hedging with { Enabled = false },
                QueryCoalescing = config.QueryCoalescing with { WindowMs = 5000 },
            };
            return configure?.Invoke(config) ?? config;
        });

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 20 s");
            await Task.Delay(10);
        }
    }

    private static void SlowAll(SlowNodeCluster cluster, TimeSpan delay)
    {
        for (var i = 0; i < 2; i++)
        {
            cluster.Relay(i).Delay = delay;
        }
    }

    private static int NodeSearches(SlowNodeCluster cluster) => cluster.Relay(0).Reads + cluster.Relay(1).Reads;

    private static async Task<(int Status, string Body)> PostAsync(HttpClient client, string body, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await client.PostAsync($"/indexes/{SlowNodeCluster.Uid}/search", content, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static int[] Ranks(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("rank").GetInt32()).Distinct()];

    private static HttpClient Bearer(SlowNodeCluster cluster, string token)
    {
        var client = new HttpClient { BaseAddress = cluster.Cluster.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string TenantToken(string apiKeyUid, string signingKey, string searchRules)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var head = B64("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = B64(Encoding.UTF8.GetBytes($$"""{"apiKeyUid":"{{apiKeyUid}}","searchRules":{{searchRules}}}"""));
        var sig = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(head + "." + body));
        return $"{head}.{body}.{B64(sig)}";
    }
}
