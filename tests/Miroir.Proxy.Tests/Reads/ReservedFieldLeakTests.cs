using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>The reserved <c>_miroir_shard</c> field never shows to a client: not in task details, settings or errors.</summary>
public sealed class ReservedFieldLeakTests
{
    [Fact]
    public async Task ReservedField_SettingsTaskDetailsAndSettings_NeverShowIt()
    {
        await using var cluster = await StartAsync();

        var (_, tasks, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?limit=100");
        var (_, settings, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/settings");
        var (_, filterable, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/settings/filterable-attributes");

        Assert.DoesNotContain("_miroir", tasks.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_miroir", settings.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_miroir", filterable.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReservedField_NotFilterableError_ListsOnlyTheClientsAttributes()
    {
        await using var cluster = await StartAsync();

        var post = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/search", """{"filter":"title = x"}""");
        var get = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/search?filter=title%20EXISTS");
        var fetch = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents/fetch", """{"filter":"title = x"}""");

        foreach (var (status, body, _) in new[] { post, get, fetch })
        {
            Assert.True(status == 400, body.GetRawText());
            Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("reserved", body.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("Available filterable attributes are: `genre`.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("POST", "/indexes/movies/search", """{"filter":"_miroir_shard = 0"}""", "invalid_search_filter")]
    [InlineData("POST", "/indexes/movies/search", """{"filter":["genre = x", ["_miroir_shard EXISTS"]]}""", "invalid_search_filter")]
    [InlineData("GET", "/indexes/movies/search?filter=_miroir_shard%20EXISTS", "", "invalid_search_filter")]
    [InlineData("POST", "/multi-search", """{"queries":[{"indexUid":"movies","filter":"_miroir_shard >= 0"}]}""", "invalid_search_filter")]
    [InlineData("POST", "/multi-search", """{"federation":{},"queries":[{"indexUid":"movies","filter":"_miroir_shard >= 0"}]}""", "invalid_search_filter")]
    [InlineData("POST", "/indexes/movies/facet-search", """{"facetName":"genre","filter":"_miroir_shard = 1"}""", "invalid_search_filter")]
    [InlineData("POST", "/indexes/movies/documents/fetch", """{"filter":"_miroir_shard IN [0, 1, 2]"}""", "invalid_document_filter")]
    [InlineData("GET", "/indexes/movies/documents?filter=_miroir_shard%20EXISTS", "", "invalid_document_filter")]
    public async Task ReservedField_ClientFilterNamesIt_RefusedAsNotFilterable(string method, string path, string body, string code)
    {
        await using var cluster = await StartAsync();

        var (status, answer, _) = method == "GET"
            ? await cluster.SendJsonAsync(HttpMethod.Get, path)
            : await cluster.SendJsonAsync(HttpMethod.Post, path, body);

        Assert.True(status == 400, answer.GetRawText());
        Assert.Equal(code, answer.GetProperty("code").GetString());
        var message = answer.GetProperty("message").GetString()!;
        Assert.Contains("Attribute `_miroir_shard` is not filterable. Available filterable attributes are: `genre`.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/indexes/movies/search", """{"facets":["genre","_miroir_shard"]}""")]
    [InlineData("GET", "/indexes/movies/search?facets=genre,_miroir_shard", "")]
    [InlineData("POST", "/multi-search", """{"queries":[{"indexUid":"movies","facets":["_miroir_shard"]}]}""")]
    public async Task ReservedField_FacetsNameIt_RefusedAsNotFilterable(string method, string path, string body)
    {
        await using var cluster = await StartAsync();

        var (status, answer, _) = method == "GET"
            ? await cluster.SendJsonAsync(HttpMethod.Get, path)
            : await cluster.SendJsonAsync(HttpMethod.Post, path, body);

        Assert.True(status == 400, answer.GetRawText());
        Assert.Equal("invalid_search_facets", answer.GetProperty("code").GetString());
        Assert.Contains("Invalid facet distribution, attribute `_miroir_shard` is not filterable. The available filterable attribute is `genre`.",
            answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/indexes/movies/search", """{"distinct":"_miroir_shard"}""")]
    [InlineData("GET", "/indexes/movies/search?distinct=_miroir_shard", "")]
    public async Task ReservedField_DistinctNamesIt_RefusedAsNotFilterable(string method, string path, string body)
    {
        await using var cluster = await StartAsync();

        var (status, answer, _) = method == "GET"
            ? await cluster.SendJsonAsync(HttpMethod.Get, path)
            : await cluster.SendJsonAsync(HttpMethod.Post, path, body);

        Assert.True(status == 400, answer.GetRawText());
        Assert.Equal("invalid_search_distinct", answer.GetProperty("code").GetString());
        Assert.Equal("Attribute `_miroir_shard` is not filterable and thus, cannot be used as distinct attribute. Available filterable attributes are: `genre`.",
            answer.GetProperty("message").GetString());
    }

    private static async Task<MiroirClusterFixture> StartAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"movies","primaryKey":"id"}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/movies/settings", """{"filterableAttributes":["genre"]}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents",
            """[{"id":1,"title":"a","genre":"x"},{"id":2,"title":"b","genre":"y"}]""")));
        return cluster;
    }
}
