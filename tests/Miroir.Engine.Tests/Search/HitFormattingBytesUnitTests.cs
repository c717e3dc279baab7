using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Search;

/// <summary>
/// The exact bytes of written hits (escaping included) for the cases where highlighting,
/// cropping, match positions and field selection are easy to get subtly wrong.
/// </summary>
public sealed class HitFormattingBytesUnitTests
{
    private static string FirstHitRaw(SearchRequest request, IndexSettings? settings = null, params string[] docs)
    {
        using var index = TestIndex.Create(settings, docs);
        return TestIndex.Response(index.Search(request)).GetProperty("hits")[0].GetRawText();
    }

    [Fact]
    public void Highlight_MultiByteUtf8AroundMatches()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools brul", AttributesToHighlight = ["*"], ShowMatchesPosition = true }, null,
            """{"id":1,"title":"Crème brûlée à 東京 🙂tools🙂 x 🙂 tools","t2":"é tools é"}""");
        Assert.Equal(
            """
            {"id":1,"title":"Cr\u00E8me br\u00FBl\u00E9e \u00E0 \u6771\u4EAC \uD83D\uDE42tools\uD83D\uDE42 x \uD83D\uDE42 tools","t2":"\u00E9 tools \u00E9","_formatted":{"id":"1","title":"Cr\u00E8me \u003Cem\u003Ebr\u00FBl\u003C/em\u003E\u00E9e \u00E0 \u6771\u4EAC \uD83D\uDE42tools\uD83D\uDE42 x \uD83D\uDE42 \u003Cem\u003Etools\u003C/em\u003E","t2":"\u00E9 \u003Cem\u003Etools\u003C/em\u003E \u00E9"},"_matchesPosition":{"t2":[{"start":3,"length":5}],"title":[{"start":7,"length":5},{"start":47,"length":5}]}}
            """, raw);
    }

    [Fact]
    public void Highlight_DecomposedAccentPrefix_KeepsCombiningMarkInside()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "bru", AttributesToHighlight = ["title"] }, null,
            """{"id":1,"title":"cre\u0300me bru\u0302le\u0301e"}""");
        Assert.Equal(
            """
            {"id":1,"title":"cre\u0300me bru\u0302le\u0301e","_formatted":{"id":"1","title":"cre\u0300me \u003Cem\u003Ebru\u0302\u003C/em\u003Ele\u0301e"}}
            """, raw);
    }

    [Fact]
    public void Crop_MarkersAroundMultiByteWindow_WithEscapes()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "target", AttributesToCrop = ["body:3", "other"], CropLength = 2, AttributesToHighlight = ["body"] }, null,
            """{"id":1,"body":"été \"a\" 東 京 target ünï\tb c d","other":"one two target three","skip":"target w"}""");
        Assert.Equal(
            """
            {"id":1,"body":"\u00E9t\u00E9 \u0022a\u0022 \u6771 \u4EAC target \u00FCn\u00EF\tb c d","other":"one two target three","skip":"target w","_formatted":{"id":"1","body":"\u2026\u4EAC \u003Cem\u003Etarget\u003C/em\u003E \u00FCn\u00EF\u2026","other":"\u2026two target\u2026","skip":"target w"}}
            """, raw);
    }

    [Fact]
    public void Crop_ZeroLengthKeepsText_RepeatedMatchesPreferDistinctTerms()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools box", AttributesToCrop = ["a:0", "b:4"] }, null,
            """{"id":1,"a":"tools x","b":"tools tools tools y z box w tools q r s"}""");
        Assert.Equal(
            """
            {"id":1,"a":"tools x","b":"tools tools tools y z box w tools q r s","_formatted":{"id":"1","a":"tools x","b":"\u2026z box w tools\u2026"}}
            """, raw);
    }

    [Fact]
    public void Formatted_NestedObjectsArraysAndNumbersAsStrings()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools", AttributesToHighlight = ["*"] }, null,
            """{"id":1,"author":{"name":"tools maker","tags":["tools",3,true,null,{"x":"tools"},[1.50,"y"]]},"n":1.50,"z":-0,"e":1e2,"big":12345678901234567890,"ok":false,"nil":null}""");
        Assert.Equal(
            """
            {"id":1,"author":{"name":"tools maker","tags":["tools",3,true,null,{"x":"tools"},[1.50,"y"]]},"n":1.50,"z":-0,"e":1e2,"big":12345678901234567890,"ok":false,"nil":null,"_formatted":{"id":"1","author":{"name":"\u003Cem\u003Etools\u003C/em\u003E maker","tags":["\u003Cem\u003Etools\u003C/em\u003E","3",true,null,{"x":"\u003Cem\u003Etools\u003C/em\u003E"},["1.50","y"]]},"n":"1.50","z":"0","e":"1e2","big":"12345678901234567890","ok":false,"nil":null}}
            """, raw);
    }

    [Fact]
    public void Formatted_FollowsRetrieveAndHighlightsOnlyListedNestedField()
    {
        var raw = FirstHitRaw(
            new SearchRequest { Q = "tools", AttributesToHighlight = ["author.name"], AttributesToRetrieve = ["id", "author", "list.a"] },
            IndexSettings.Default with { DisplayedAttributes = ["id", "author", "list", "hidden"] },
            """{"id":1,"author":{"name":"tools","bio":"tools"},"list":[{"a":"tools","b":"tools"},{"a":2}],"hidden":"tools","other":"tools"}""");
        Assert.Equal(
            """
            {"id":1,"author":{"name":"tools","bio":"tools"},"list":[{"a":"tools"},{"a":2}],"_formatted":{"id":"1","author":{"name":"\u003Cem\u003Etools\u003C/em\u003E","bio":"tools"},"list":[{"a":"tools"},{"a":"2"}]}}
            """, raw);
    }

    [Fact]
    public void EscapedPropertyNames_AreWrittenUnescapedAndMatched()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools", AttributesToHighlight = ["*"], ShowMatchesPosition = true }, null,
            """{"id":1,"a\"b":"tools","\u00e9":"x tools","c\/d":{"e":"tools"}}""");
        Assert.Equal(
            """
            {"id":1,"a\u0022b":"tools","\u00E9":"x tools","c/d":{"e":"tools"},"_formatted":{"id":"1","a\u0022b":"\u003Cem\u003Etools\u003C/em\u003E","\u00E9":"x \u003Cem\u003Etools\u003C/em\u003E","c/d":{"e":"\u003Cem\u003Etools\u003C/em\u003E"}},"_matchesPosition":{"a\u0022b":[{"start":0,"length":5}],"c/d.e":[{"start":0,"length":5}],"\u00E9":[{"start":2,"length":5}]}}
            """, raw);
    }

    [Fact]
    public void MatchesPosition_PathsInByteOrder_LastArrayValueWithIndices_HiddenFieldsLeftOut()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools", ShowMatchesPosition = true },
            IndexSettings.Default with { DisplayedAttributes = ["id", "b", "a"] },
            """{"id":1,"b":["tools",{"c":"x tools"},"no","tools tools"],"a":"été tools","h":"tools","b2":7}""");
        Assert.Equal(
            """
            {"id":1,"b":["tools",{"c":"x tools"},"no","tools tools"],"a":"\u00E9t\u00E9 tools","_matchesPosition":{"a":[{"start":6,"length":5}],"b":[{"start":0,"length":5,"indices":[3]},{"start":6,"length":5,"indices":[3]}],"b.c":[{"start":2,"length":5,"indices":[1]}]}}
            """, raw);
    }

    [Fact]
    public void MatchesPosition_ValuesInArrays_CarryTheirArrayIndices()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools", ShowMatchesPosition = true }, null,
            """{"id":1,"tags":["x","tools"],"list":[{"n":"tools"},{"n":"y"}],"grid":[["a"],["b","x tools"]],"n":{"m":["tools"]}}""");
        Assert.Equal(
            """
            {"id":1,"tags":["x","tools"],"list":[{"n":"tools"},{"n":"y"}],"grid":[["a"],["b","x tools"]],"n":{"m":["tools"]},"_matchesPosition":{"grid":[{"start":2,"length":5,"indices":[1,1]}],"list.n":[{"start":0,"length":5,"indices":[0]}],"n.m":[{"start":0,"length":5,"indices":[0]}],"tags":[{"start":0,"length":5,"indices":[1]}]}}
            """, raw);
    }

    [Fact]
    public void Formatted_AddsHighlightedAndCroppedAttributesToRetrieved_DisplayedOnly()
    {
        var raw = FirstHitRaw(
            new SearchRequest { Q = "tools", AttributesToRetrieve = ["id"], AttributesToHighlight = ["title", "nested.x", "secret"], AttributesToCrop = ["body"] },
            IndexSettings.Default with { DisplayedAttributes = ["id", "title", "body", "nested", "other"] },
            """{"id":1,"title":"tools","body":"a b tools","other":"tools","nested":{"x":"tools","y":"no"},"secret":"tools"}""");
        Assert.Equal(
            """
            {"id":1,"_formatted":{"id":"1","title":"\u003Cem\u003Etools\u003C/em\u003E","body":"a b tools","nested":{"x":"\u003Cem\u003Etools\u003C/em\u003E"}}}
            """, raw);
    }

    [Fact]
    public void RetrieveWithScoreDetails_WritesSelectedFieldsAndDetails()
    {
        var raw = FirstHitRaw(new SearchRequest { Q = "tools", AttributesToRetrieve = ["id", "n.a"], ShowRankingScoreDetails = true }, null,
            """{"id":1,"n":{"a":"tools","b":1},"t":"tools"}""");
        Assert.Equal(
            """
            {"id":1,"n":{"a":"tools"},"_rankingScoreDetails":{"words":{"order":0,"matchingWords":1,"maxMatchingWords":1,"score":1},"typo":{"order":1,"typoCount":0,"maxTypoCount":1,"score":1},"proximity":{"order":2,"score":1},"attribute":{"order":3,"attributeRankingOrderScore":1,"queryWordDistanceScore":1,"score":1},"exactness":{"order":4,"matchType":"exactMatch","score":1}}}
            """, raw);
    }

    [Fact]
    public void LongPathsAndLongValues_OutgrowTheFirstBuffers()
    {
        var outer = new string('a', 300);
        var inner = new string('b', 300);
        var text = string.Join(' ', Enumerable.Repeat("tools \\\"é\\\"", 120));
        using var index = TestIndex.Create(null, $$"""{"id":1,"{{outer}}":{"{{inner}}":"tools x","c":2},"long":"{{text}}"}""");
        var hit = TestIndex.Response(index.Search(new SearchRequest
        {
            Q = "tools",
            AttributesToRetrieve = ["id", $"{outer}.{inner}", "long"],
            AttributesToHighlight = ["*"],
            ShowMatchesPosition = true,
        })).GetProperty("hits")[0];

        Assert.Equal("tools x", hit.GetProperty(outer).GetProperty(inner).GetString());
        Assert.False(hit.GetProperty(outer).TryGetProperty("c", out _));
        var formatted = hit.GetProperty("_formatted");
        Assert.Equal("<em>tools</em> x", formatted.GetProperty(outer).GetProperty(inner).GetString());
        Assert.Equal(string.Join(' ', Enumerable.Repeat("<em>tools</em> \"é\"", 120)), formatted.GetProperty("long").GetString());
        var positions = hit.GetProperty("_matchesPosition");
        Assert.Equal(0, positions.GetProperty($"{outer}.{inner}")[0].GetProperty("start").GetInt32());
        Assert.Equal(120, positions.GetProperty("long").GetArrayLength());
        // "tools \"é\" " is 11 UTF-8 bytes.
        Assert.Equal(11 * 119, positions.GetProperty("long")[119].GetProperty("start").GetInt32());
    }
}
