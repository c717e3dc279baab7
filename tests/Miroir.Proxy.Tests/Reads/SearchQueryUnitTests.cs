using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Tests.Reads;

public sealed class SearchQueryUnitTests
{
    private static SearchQuery Parse(string json, int maxTotalHits = 1000) =>
        SearchQuery.Parse(ClientBody.TryParse(Encoding.UTF8.GetBytes(json))!, maxTotalHits);

    private static JsonElement NodeBody(SearchQuery query, string? restriction)
    {
        var buffer = new ArrayBufferWriter<byte>();
        query.WriteNodeBody(buffer, restriction);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    [Fact]
    public void NodeBody_OffsetLimit_AskedFromZeroWithScoresAndRestriction()
    {
        var query = Parse("""{"q":"lib","offset":10,"limit":5,"facets":["section"],"attributesToRetrieve":["name"],"filter":"a = 1"}""");
        var body = NodeBody(query, "_miroir_shard IN [4]");
        Assert.True(query.Understood);
        Assert.Equal(0, body.GetProperty("offset").GetInt32());
        Assert.Equal(15, body.GetProperty("limit").GetInt32());
        Assert.True(body.GetProperty("showRankingScore").GetBoolean());
        Assert.False(body.TryGetProperty("showRankingScoreDetails", out _));
        Assert.Equal("[\"_miroir_shard IN [4]\",\"a = 1\"]", body.GetProperty("filter").GetRawText());
        Assert.Equal("lib", body.GetProperty("q").GetString());
        Assert.Equal("[\"section\"]", body.GetProperty("facets").GetRawText());
        Assert.Equal("[\"name\"]", body.GetProperty("attributesToRetrieve").GetRawText());
        Assert.Equal(10, query.Paging.Offset);
        Assert.Equal(5, query.Paging.Limit);
    }

    [Fact]
    public void NodeBody_PageForm_FirstPageOfAllPreviousHits()
    {
        var body = NodeBody(Parse("""{"q":"x","page":3,"hitsPerPage":10}"""), null);
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(30, body.GetProperty("hitsPerPage").GetInt32());
        Assert.False(body.TryGetProperty("offset", out _));
        Assert.False(body.TryGetProperty("filter", out _));
    }

    [Fact]
    public void NodeBody_Sort_AsksScoreDetails()
    {
        var query = Parse("""{"q":"x","sort":["installed_size_kb:asc"]}""");
        Assert.True(NodeBody(query, null).GetProperty("showRankingScoreDetails").GetBoolean());
        Assert.Equal(["installed_size_kb:asc"], query.Sort!);
        Assert.False(query.ShowRankingScoreDetails);
    }

    [Fact]
    public void NodeBody_MultiSearchMembers_NotSentToNodes()
    {
        var body = NodeBody(Parse("""{"indexUid":"a","federationOptions":{"weight":2},"q":"x"}"""), null);
        Assert.False(body.TryGetProperty("indexUid", out _));
        Assert.False(body.TryGetProperty("federationOptions", out _));
    }

    [Fact]
    public void Parse_WindowPastMaxTotalHits_CutAtTheCap()
    {
        var query = Parse("""{"offset":90,"limit":20}""", maxTotalHits: 100);
        Assert.Equal(100, query.NodeLimit);
        Assert.Equal(10, query.Paging.Limit);
    }

    [Theory]
    [InlineData("""{"limit":"ten"}""")]
    [InlineData("""{"offset":-1}""")]
    [InlineData("""{"page":1.5}""")]
    [InlineData("""{"showRankingScore":"yes"}""")]
    [InlineData("""{"sort":"a:asc"}""")]
    [InlineData("""{"q":3}""")]
    public void Parse_WrongTypes_NotUnderstoodSoTheNodeValidates(string json) => Assert.False(Parse(json).Understood);

    [Fact]
    public void RouteKey_PagesOfOneQuery_SameKeyOtherQueryDiffers()
    {
        var first = Parse("""{"q":"lib","limit":10}""").RouteKey();
        Assert.Equal(first, Parse("""{"q":"lib","offset":10,"limit":10}""").RouteKey());
        Assert.NotEqual(first, Parse("""{"q":"lip","limit":10}""").RouteKey());
    }

    [Fact]
    public void ClientBody_NotAnObject_Null()
    {
        Assert.Null(ClientBody.TryParse(Encoding.UTF8.GetBytes("[1]")));
        Assert.Null(ClientBody.TryParse(Encoding.UTF8.GetBytes("{\"a\":")));
        Assert.Null(ClientBody.TryParse(Encoding.UTF8.GetBytes("{} {}")));
    }
}
