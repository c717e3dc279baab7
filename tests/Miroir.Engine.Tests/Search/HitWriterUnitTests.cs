using System.Text.Json;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Search;

public sealed class HitWriterUnitTests
{
    private static JsonElement FirstHit(SearchRequest request, IndexSettings? settings = null, params string[] docs)
    {
        using var index = TestIndex.Create(settings, docs);
        return TestIndex.Response(index.Search(request)).GetProperty("hits")[0];
    }

    [Fact]
    public void Retrieve_IntersectsDisplayedAndRequested_WithNestedPaths()
    {
        var hit = FirstHit(new SearchRequest { AttributesToRetrieve = ["id", "author.name", "secret"] },
            IndexSettings.Default with { DisplayedAttributes = ["id", "author", "title"] },
            """{"id":1,"title":"t","secret":"s","author":{"name":"n","age":3}}""");
        Assert.Equal("""{"id":1,"author":{"name":"n"}}""", hit.GetRawText());
    }

    [Fact]
    public void Highlight_WrapsMatchedWordsAndPrefixPart()
    {
        var hit = FirstHit(new SearchRequest { Q = "quick bro", AttributesToHighlight = ["title"] }, null,
            """{"id":1,"title":"The Quick brown fox","n":7}""");
        var formatted = hit.GetProperty("_formatted");
        Assert.Equal("The <em>Quick</em> <em>bro</em>wn fox", formatted.GetProperty("title").GetString());
        // Fields not highlighted are still present, numbers as strings.
        Assert.Equal("7", formatted.GetProperty("n").GetString());
        Assert.Equal("1", formatted.GetProperty("id").GetString());
    }

    [Fact]
    public void Highlight_TypoMatch_HighlightsWholeWord_CustomTags()
    {
        var hit = FirstHit(new SearchRequest { Q = "hallo", AttributesToHighlight = ["*"], HighlightPreTag = "[", HighlightPostTag = "]" }, null,
            """{"id":1,"title":"hello there"}""");
        Assert.Equal("[hello] there", hit.GetProperty("_formatted").GetProperty("title").GetString());
    }

    [Fact]
    public void Crop_CentresOnMatchWithMarkers()
    {
        var text = string.Join(' ', Enumerable.Range(1, 30).Select(i => i == 15 ? "target" : "w" + i));
        var hit = FirstHit(new SearchRequest { Q = "target", AttributesToCrop = ["body"], CropLength = 5 }, null,
            $$"""{"id":1,"body":"{{text}}"}""");
        Assert.Equal("…w13 w14 target w16 w17…", hit.GetProperty("_formatted").GetProperty("body").GetString());
    }

    /// <summary>
    /// Windows Meilisearch returns: its issue example (prince), the snapshots of milli's <c>format_crop</c>
    /// test (query "split the world", cropLength 10), and edge cases of the same rule.
    /// </summary>
    [Theory]
    [InlineData("prince", 6, "…", "A french book about a prince that walks on little cute planets", "…book about a prince that walks…")]
    [InlineData("prince", 6, "[…]", "A french book about a prince that walks on little cute planets", "[…]book about a prince that walks[…]")]
    [InlineData("prince", 6, "", "A french book about a prince that walks on little cute planets", "book about a prince that walks")]
    [InlineData("prince", 4, "…", "prince of the little planet goes on", "prince of the little…")]
    [InlineData("prince", 3, "…", "a book about the little prince", "…the little prince")]
    [InlineData("prince", 10, "…", "one two prince", "one two prince")]
    [InlineData("prince", 3, "…", "one two prince.", "one two prince.")]
    [InlineData("prince", 3, "…", "one two three.", "one two three…")]
    [InlineData("split the world", 10, "…", "A quick brown fox can not jump 32 feet, right? Brr, it is cold!", "A quick brown fox can not jump 32 feet, right…")]
    [InlineData("split the world", 10, "…", "(A quick brown fox can not jump 32 feet, right? Brr, it is cold!)", "(A quick brown fox can not jump 32 feet, right…")]
    [InlineData("split the world", 10, "…", "Natalie risk her future. Split The World is a book written by Emily Henry. I never read it.",
        "…Split The World is a book written by Emily Henry…")]
    [InlineData("split the world", 10, "…", "Natalie risk her future to build a world with the boy she loves.",
        "…future to build a world with the boy she loves…")]
    [InlineData("split the world", 10, "…", "Natalie risk her future to build a world with the boy she loves. Emily Henry: The Love That Split The World.",
        "…she loves. Emily Henry: The Love That Split The World.")]
    [InlineData("split the world", 10, "…", "The world split void void void void void void void void void split the world void void",
        "…void void void void void split the world void void")]
    [InlineData("split the world", 10, "…", "split void the void void world void void void void void void void void void void split the world void void",
        "…void void void void void split the world void void")]
    [InlineData("split the world", 10, "…", "split split split split split split void void void void void void void void void void split the world void void",
        "…void void void void void split the world void void")]
    public void Crop_WindowAsMeilisearchPlacesIt(string q, int cropLength, string marker, string text, string expected)
    {
        var hit = FirstHit(new SearchRequest { Q = q, AttributesToCrop = ["t"], CropLength = cropLength, CropMarker = marker }, null,
            $$"""{"id":1,"t":"{{JsonEncodedText.Encode(text)}}","k":"{{q}}"}""");
        Assert.Equal(expected, hit.GetProperty("_formatted").GetProperty("t").GetString());
    }

    [Fact]
    public void Crop_PerAttributeLength_AndNoMatchKeepsStart()
    {
        var hit = FirstHit(new SearchRequest { Q = "zzz", AttributesToCrop = ["body:3"], CropMarker = "..." }, null,
            """{"id":1,"body":"one two three four five","t":"zzz"}""");
        Assert.Equal("one two three...", hit.GetProperty("_formatted").GetProperty("body").GetString());
    }

    [Fact]
    public void MatchesPosition_ReportsUtf8ByteOffsets()
    {
        var hit = FirstHit(new SearchRequest { Q = "brulee", ShowMatchesPosition = true }, null,
            """{"id":1,"title":"Crème brûlée"}""");
        var positions = hit.GetProperty("_matchesPosition").GetProperty("title");
        Assert.Equal(1, positions.GetArrayLength());
        Assert.Equal(7, positions[0].GetProperty("start").GetInt32());
        Assert.Equal(8, positions[0].GetProperty("length").GetInt32());
    }

    [Fact]
    public void HitProperties_CanBeExtendedByCaller()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"a"}""");
        var result = index.Search(new SearchRequest { ShowRankingScore = true });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            HitWriter.WriteHitProperties(writer, result, result.Hits[0]);
            writer.WriteString("_federation", "x");
            writer.WriteEndObject();
        }
        Assert.Equal("""{"id":1,"t":"a","_rankingScore":1,"_federation":"x"}""", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
