using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>Miroir's documented listing order (shards interleaved): stable, gapless, and kept while documents are added.</summary>
public sealed class DocumentListingTests
{
    [Fact]
    public async Task ListDocuments_PagesWhileAdding_EarlierPagesKeepTheirDocuments()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 3, replicationFactor: 2, shards: 4);
        await AddAsync(cluster, 0, 200);
        var all = await PageAsync(cluster, 0, 1000);
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());

        // Gapless: small pages put together are the whole listing, and every call sees the same order.
        var pieces = new List<string>();
        for (var offset = 0; offset < 200; offset += 7)
        {
            pieces.AddRange(await PageAsync(cluster, offset, 7));
        }

        Assert.Equal(all, pieces);
        Assert.Equal(all, await PageAsync(cluster, 0, 1000));

        // New documents go to the end of their shard's row: the first 100 (well under 4 × the smallest shard) stay put.
        await AddAsync(cluster, 200, 60);
        var after = await PageAsync(cluster, 0, 1000);
        Assert.Equal(260, after.Count);
        Assert.Equal(all.Take(100), after.Take(100));
    }

    [Fact]
    public async Task ListDocuments_Filtered_SameDocumentsAsTheFilteredListing()
    {
        await using var cluster = await MiroirClusterFixture.StartAsync(nodes: 2, replicationFactor: 1, shards: 3);
        await AddAsync(cluster, 0, 30);
        var listed = (await PageAsync(cluster, 0, 100)).Select(int.Parse).ToList();
        var (_, search, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/list/search", """{"q":"","limit":0}""");
        Assert.Equal(30, search.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(30, listed.Distinct().Count());

        // A filtered listing holds the same documents as the unfiltered one restricted to the filter.
        var (_, filtered, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/list/documents/fetch", """{"limit":100,"filter":"n < 15"}""");
        var small = filtered.GetProperty("results").EnumerateArray().Select(d => d.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(15, filtered.GetProperty("total").GetInt32());
        Assert.Equal(listed.Where(id => id < 15).Order(), small.Order());
    }

    private static async Task AddAsync(MiroirClusterFixture cluster, int from, int count)
    {
        var docs = string.Join(',', Enumerable.Range(from, count).Select(i => $$"""{"id":{{i}},"n":{{i}}}"""));
        var answer = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/list/documents?primaryKey=id", $"[{docs}]");
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(answer));
        if (from == 0)
        {
            await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(
                await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/list/settings", """{"filterableAttributes":["n"]}""")));
        }
    }

    private static async Task<List<string>> PageAsync(MiroirClusterFixture cluster, int offset, int limit)
    {
        var (status, page, _) = await cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/list/documents?offset={offset}&limit={limit}");
        Assert.True(status == 200, page.ToString());
        return [.. page.GetProperty("results").EnumerateArray().Select(d => d.GetProperty("id").GetRawText())];
    }
}
