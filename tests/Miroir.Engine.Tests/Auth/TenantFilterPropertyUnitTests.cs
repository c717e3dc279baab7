using System.Text;
using System.Text.Json;
using Miroir.Meili.Auth;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Auth;

/// <summary>
/// Whatever filter a tenant sends, fusing it with the token's rule never widens the rule's result set:
/// the search answers a subset of the rule's documents, or is refused with a 400.
/// </summary>
public sealed class TenantFilterPropertyUnitTests
{
    private const string Attack = "section EXISTS) OR (section EXISTS";

    private static readonly string[] Fragments =
    [
        "section", "id", " = ", " != ", " > ", "games", "news", "'games'", "\"news\"", " EXISTS", " NOT EXISTS", " IS NULL",
        " IS EMPTY", "(", ")", "((", "))", " OR ", " AND ", "NOT ", "'", "\"", "\\", "\\'", "\\\"", "[", "]", ", ", " IN ",
        " TO ", " 3", "  ", "", Attack,
    ];

    private static readonly string[] TenantRules = ["\"section = games\"", "[\"section = games\"]", "[[\"section = games\"]]", "[\"\", \"section = games\"]"];

    private readonly Random _rng = new(20261207);

    [Fact]
    public void Fuse_GeneratedClientFilters_NeverWidenTheTenantRule()
    {
        using var index = Index();
        using var rule = JsonDocument.Parse("\"section = games\"");
        var allowed = Ids(index, rule.RootElement);
        Assert.Equal(["1", "3"], allowed.Order());

        for (var round = 0; round < 3000; round++)
        {
            var text = RandomText();
            using var tenant = JsonDocument.Parse(TenantRules[round % TenantRules.Length]);
            using var asJson = JsonDocument.Parse(RandomJsonFilter(text));
            AssertWithin(index, allowed, asJson.RootElement, tenant.RootElement, text);
            AssertWithinGet(index, allowed, text, tenant.RootElement);
        }
    }

    [Theory]
    [InlineData("\"section EXISTS) OR (section EXISTS\"")]
    [InlineData("[\"section EXISTS) OR (section EXISTS\"]")]
    [InlineData("[[\"section EXISTS) OR (section EXISTS\"]]")]
    [InlineData("\") OR (section EXISTS\"")]
    [InlineData("\"section = news) OR (section = news\"")]
    public void Fuse_KnownEscapes_RefusedOrWithinRule(string client)
    {
        using var index = Index();
        using var tenant = JsonDocument.Parse("\"section = games\"");
        using var filter = JsonDocument.Parse(client);
        var allowed = Ids(index, tenant.RootElement);

        AssertWithin(index, allowed, filter.RootElement, tenant.RootElement, client);
        AssertWithinGet(index, allowed, Attack, tenant.RootElement);
    }

    private static void AssertWithin(EngineIndex index, List<string> allowed, JsonElement client, JsonElement tenant, string shown)
    {
        var fused = TenantFilters.Fuse(client, tenant);
        AssertSubset(index, allowed, new SearchRequest { Filter = fused, Limit = 100 }, shown);
    }

    private static void AssertWithinGet(EngineIndex index, List<string> allowed, string client, JsonElement tenant)
    {
        SearchRequest request;
        try
        {
            request = SearchRequestParser.ParseQuery([new("filter", client)]);
        }
        catch (MeiliException e)
        {
            Assert.Equal(400, e.Code.Status);
            return;
        }

        AssertSubset(index, allowed, request with { Filter = TenantFilters.Fuse(request.Filter, tenant), Limit = 100 }, client);
    }

    private static void AssertSubset(EngineIndex index, List<string> allowed, SearchRequest request, string shown)
    {
        List<string> ids;
        try
        {
            ids = TestIndex.Ids(index.Search(request));
        }
        catch (MeiliException e)
        {
            Assert.True(e.Code.Status == 400, $"{shown}: {e.Code} {e.Message}");
            return;
        }

        Assert.True(ids.All(allowed.Contains), $"client filter {shown} escaped the tenant rule: got {string.Join(",", ids)}");
    }

    private string RandomText()
    {
        var text = new StringBuilder();
        var length = _rng.Next(0, 9);
        for (var i = 0; i < length; i++)
        {
            text.Append(Fragments[_rng.Next(Fragments.Length)]);
        }

        return text.ToString();
    }

    /// <summary>The text as a JSON string, inside an array, inside a nested array, mixed with other items, or another JSON value.</summary>
    private string RandomJsonFilter(string text)
    {
        var quoted = Quote(text);
        var other = Quote(RandomText());
        return _rng.Next(9) switch
        {
            0 => $"[{quoted}]",
            1 => $"[[{quoted}, {other}]]",
            2 => $"[{other}, [{quoted}]]",
            3 => "[]",
            4 => "[[]]",
            5 => $"[{quoted}, 3]",
            6 => $"[[[{quoted}]]]",
            _ => quoted,
        };
    }

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    private static List<string> Ids(EngineIndex index, JsonElement filter) => TestIndex.Ids(index.Search(new SearchRequest { Filter = filter, Limit = 100 }));

    private static EngineIndex Index() => TestIndex.Create(
        IndexSettings.Default with { FilterableAttributes = ["section", "id"] },
        """{"id":1,"section":"games"}""", """{"id":2,"section":"news"}""", """{"id":3,"section":"games"}""",
        """{"id":4}""", """{"id":5,"section":null}""", """{"id":6,"section":["news","sport"]}""");
}
