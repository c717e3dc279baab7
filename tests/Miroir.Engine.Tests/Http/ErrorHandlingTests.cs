using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

public sealed class ErrorHandlingTests
{
    [Theory]
    [InlineData("{\"uid\":", "application/json", "malformed_payload", 400)]
    [InlineData("{\"uid\":\"a\"}", "text/plain", "invalid_content_type", 415)]
    [InlineData("{\"uid\":\"a b\"}", "application/json", "invalid_index_uid", 400)]
    [InlineData("{\"primaryKey\":\"id\"}", "application/json", "missing_index_uid", 400)]
    [InlineData("{\"uid\":\"a\",\"x\":1}", "application/json", "bad_request", 400)]
    public async Task CreateIndex_BadBody_ReturnsErrorObjectAndEnqueuesNothing(string body, string contentType, string code, int status)
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes", body, contentType);
        Assert.Equal(status, (int)response.StatusCode);
        var error = await TestNode.JsonAsync(response);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#" + code, error.GetProperty("link").GetString());
        Assert.DoesNotContain("   at Miroir", error.GetProperty("message").GetString());
        Assert.Equal(0, (await node.GetJsonAsync("/tasks")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UnknownRoute_Returns404NotFound()
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.Client.GetAsync("/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_UnknownIndex_Returns404IndexNotFound()
    {
        await using var node = await TestNode.StartAsync();
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/none/search", "{}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("index_not_found", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Search_FilterOnNonFilterable_Returns400InvalidSearchFilter()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"g":"x"}]""");
        var response = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/search", """{"filter":"g = x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_search_filter", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Settings_UpdateThenGet_RoundTripsAndEnablesFilter()
    {
        await using var node = await TestNode.StartAsync();
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/b/documents", """[{"id":1,"g":"x"}]""");
        var task = await node.WriteAndWaitAsync(HttpMethod.Put, "/indexes/b/settings/filterable-attributes", """["g"]""");
        Assert.Equal("settingsUpdate", task.GetProperty("type").GetString());
        Assert.Equal("g", task.GetProperty("details").GetProperty("filterableAttributes")[0].GetString());
        var settings = await node.GetJsonAsync("/indexes/b/settings");
        Assert.Equal("g", settings.GetProperty("filterableAttributes")[0].GetString());
        var search = await node.SendJsonAsync(HttpMethod.Post, "/indexes/b/search", """{"filter":"g = x"}""");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }
}
