using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Search;

public sealed class SearchBehaviourUnitTests
{
    private static readonly string[] Products =
    [
        """{"id":1,"name":"red apple","price":3,"brand":"acme"}""",
        """{"id":2,"name":"green apple","price":1.5,"brand":"acme"}""",
        """{"id":3,"name":"banana","price":"cheap","brand":"fruitco"}""",
        """{"id":4,"name":"apple pie","brand":"bakery"}""",
        """{"id":5,"name":"cherry","price":10,"brand":"fruitco"}""",
    ];

    private static EngineIndex Index() => TestIndex.Create(
        IndexSettings.Default with { SortableAttributes = ["price", "name"], FilterableAttributes = ["brand"] }, Products);

    [Fact]
    public void Placeholder_EmptyQuery_ReturnsAllInInsertionOrder()
    {
        using var index = Index();
        var result = index.Search(new SearchRequest());
        Assert.Equal(["1", "2", "3", "4", "5"], TestIndex.Ids(result));
        Assert.Equal(5, result.TotalHits);
        Assert.All(result.Hits, h => Assert.Equal(1.0, h.Score));
    }

    [Fact]
    public void Prefix_LastWord_MatchesLongerWords()
    {
        using var index = Index();
        // "apple pie" has the word where the query has it (position 0): the attribute rule prefers it.
        Assert.Equal(["4", "1", "2"], TestIndex.Search(index, "app"));
        Assert.Empty(TestIndex.Search(index, "app "));
    }

    [Fact]
    public void Prefix_Disabled_MatchesWholeWordsOnly()
    {
        using var index = TestIndex.Create(IndexSettings.Default with { PrefixSearch = "disabled" }, Products);
        Assert.Empty(TestIndex.Search(index, "app"));
    }

    [Fact]
    public void MatchingStrategy_All_RequiresEveryWord()
    {
        using var index = Index();
        Assert.Equal(["1"], TestIndex.Search(index, "red apple", MatchingStrategy.All));
        Assert.Equal(["1", "4", "2"], TestIndex.Search(index, "apple red", MatchingStrategy.Last));
    }

    [Fact]
    public void MatchingStrategy_Frequency_DropsTheCommonestWordFirst()
    {
        using var index = Index();
        // "apple" is in three documents, "cherry" in one: documents with "cherry" only still match.
        Assert.Equal(["5"], TestIndex.Search(index, "cherry apple", MatchingStrategy.Frequency));
        Assert.Equal(["5"], TestIndex.Search(index, "apple cherry", MatchingStrategy.Frequency));
        Assert.Equal(["4", "1", "2"], TestIndex.Search(index, "apple cherry", MatchingStrategy.Last));
    }

    [Fact]
    public void Sort_NumbersBeforeStringsMissingLast()
    {
        using var index = Index();
        var asc = TestIndex.Ids(index.Search(new SearchRequest { Sort = ["price:asc"] }));
        Assert.Equal(["2", "1", "5", "3", "4"], asc);
        var desc = TestIndex.Ids(index.Search(new SearchRequest { Sort = ["price:desc"] }));
        Assert.Equal(["5", "1", "2", "3", "4"], desc);
    }

    [Fact]
    public void Sort_AppliesAfterEarlierRules()
    {
        using var index = Index();
        // "apple pie" wins on the attribute rule (word position); the two others tie until sort.
        var ids = TestIndex.Ids(index.Search(new SearchRequest { Q = "apple", Sort = ["price:desc"] }));
        Assert.Equal(["4", "1", "2"], ids);
        ids = TestIndex.Ids(index.Search(new SearchRequest { Q = "apple", Sort = ["price:asc"] }));
        Assert.Equal(["4", "2", "1"], ids);
    }

    [Theory]
    [InlineData("brand:asc", "Attribute `brand` is not sortable. Available sortable attributes are: `name, price`.")]
    [InlineData("price", "Invalid syntax for the sort parameter: expected expression ending by `:asc` or `:desc`, found `price`.")]
    [InlineData("_geoPoint(1,2):asc", "Attribute `_geo` is not sortable. Available sortable attributes are: `name, price`.")]
    public void Sort_Invalid_ThrowsInvalidSearchSort(string sort, string message)
    {
        using var index = Index();
        var ex = Assert.Throws<MeiliException>(() => index.Search(new SearchRequest { Sort = [sort] }));
        Assert.Equal(ErrorCode.InvalidSearchSort, ex.Code);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Sort_DetailsCarrySortValues()
    {
        using var index = Index();
        var response = TestIndex.Response(index.Search(new SearchRequest { Q = "apple", Sort = ["price:asc"], ShowRankingScoreDetails = true }));
        var first = response.GetProperty("hits")[0].GetProperty("_rankingScoreDetails");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("price:asc").GetProperty("value").ValueKind);
        var second = response.GetProperty("hits")[1].GetProperty("_rankingScoreDetails");
        Assert.Equal(1.5, second.GetProperty("price:asc").GetProperty("value").GetDouble());
        Assert.Equal(4, second.GetProperty("price:asc").GetProperty("order").GetInt32());
    }

    [Fact]
    public void Distinct_KeepsBestOfEachValue()
    {
        using var index = Index();
        var result = index.Search(new SearchRequest { Distinct = "brand" });
        Assert.Equal(["1", "3", "4"], TestIndex.Ids(result));
        Assert.Equal(3, result.TotalHits);
    }

    [Fact]
    public void Paging_ConcatenatedPages_EqualOneBigPage()
    {
        var docs = Enumerable.Range(1, 57).Select(i => $$"""{"id":{{i}},"t":"word{{i % 7}} common text {{i}}"}""").ToArray();
        using var index = TestIndex.Create(null, docs);
        var all = TestIndex.Ids(index.Search(new SearchRequest { Q = "common word1", Limit = 100 }));
        var paged = new List<string>();
        for (var offset = 0; offset < 60; offset += 8)
        {
            paged.AddRange(TestIndex.Ids(index.Search(new SearchRequest { Q = "common word1", Offset = offset, Limit = 8 })));
        }
        Assert.Equal(57, all.Count);
        Assert.Equal(all, paged);
        var page3 = index.Search(new SearchRequest { Q = "common word1", Page = 3, HitsPerPage = 8 });
        Assert.Equal(all.Skip(16).Take(8), TestIndex.Ids(page3));
        var response = TestIndex.Response(page3);
        Assert.Equal(8, response.GetProperty("totalPages").GetInt32());
        Assert.Equal(57, response.GetProperty("totalHits").GetInt32());
    }

    [Theory]
    [InlineData(null, 20, 3)]
    [InlineData(8, 8, 8)]
    public void Paging_PageZero_NoHitsButTotals(int? hitsPerPage, int shownHitsPerPage, int totalPages)
    {
        var docs = Enumerable.Range(1, 57).Select(i => $$"""{"id":{{i}},"t":"common text {{i}}"}""").ToArray();
        using var index = TestIndex.Create(null, docs);
        var result = index.Search(new SearchRequest { Q = "common", Page = 0, HitsPerPage = hitsPerPage });
        var raw = System.Text.RegularExpressions.Regex.Replace(TestIndex.Response(result).GetRawText(), "\"processingTimeMs\":\\d+", "\"processingTimeMs\":0");
        Assert.Equal(
            $$"""{"hits":[],"query":"common","processingTimeMs":0,"hitsPerPage":{{shownHitsPerPage}},"page":0,"totalPages":{{totalPages}},"totalHits":57}""",
            raw);
    }

    [Fact]
    public void Pagination_MaxTotalHits_CapsHitsAndTotals()
    {
        var docs = Enumerable.Range(1, 30).Select(i => $$"""{"id":{{i}},"t":"same"}""").ToArray();
        using var index = TestIndex.Create(IndexSettings.Default with { MaxTotalHits = 10 }, docs);
        var result = index.Search(new SearchRequest { Q = "same", Offset = 5, Limit = 20 });
        Assert.Equal(10, result.TotalHits);
        Assert.Equal(5, result.Hits.Count);
    }

    [Fact]
    public void RankingScoreThreshold_DropsLowScores()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"hello"}""", """{"id":2,"title":"hallo"}""");
        var result = index.Search(new SearchRequest { Q = "hello", RankingScoreThreshold = 0.5 });
        Assert.Equal(["1"], TestIndex.Ids(result));
        Assert.Equal(1, result.TotalHits);
    }

    [Fact]
    public void AttributesToSearchOn_RestrictsFields()
    {
        using var index = TestIndex.Create(null, """{"id":1,"a":"apple","b":"pear"}""", """{"id":2,"a":"pear","b":"apple"}""");
        Assert.Equal(["2"], TestIndex.Ids(index.Search(new SearchRequest { Q = "apple", AttributesToSearchOn = ["b"] })));
    }

    [Fact]
    public void TypoTolerance_Settings_AreHonoured()
    {
        string[] docs = ["""{"id":1,"t":"hallo 12345"}""", """{"id":2,"code":"hallo"}"""];
        using var enabled = TestIndex.Create(null, docs);
        Assert.Equal(["1", "2"], TestIndex.Search(enabled, "hello"));
        Assert.Equal(["1"], TestIndex.Search(enabled, "12346"));
        using var disabled = TestIndex.Create(IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { Enabled = false } }, docs);
        Assert.Empty(TestIndex.Search(disabled, "hello"));
        using var onWords = TestIndex.Create(IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { DisableOnWords = ["hello"] } }, docs);
        Assert.Empty(TestIndex.Search(onWords, "hello"));
        using var onNumbers = TestIndex.Create(IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { DisableOnNumbers = true } }, docs);
        Assert.Empty(TestIndex.Search(onNumbers, "12346"));
        using var onAttributes = TestIndex.Create(IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { DisableOnAttributes = ["code"] } }, docs);
        Assert.Equal(["1"], TestIndex.Search(onAttributes, "hello"));
        using var longer = TestIndex.Create(IndexSettings.Default with { TypoTolerance = new TypoToleranceSettings { OneTypo = 6 } }, docs);
        Assert.Empty(TestIndex.Search(longer, "hello"));
    }

    [Fact]
    public void Typo_FirstLetter_CountsAsTwo()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"jello"}""", """{"id":2,"t":"xomputation"}""");
        Assert.Empty(TestIndex.Search(index, "hello"));
        var result = index.Search(new SearchRequest { Q = "computation" });
        Assert.Equal(["2"], TestIndex.Ids(result));
        Assert.Equal(new Miroir.Engine.Ranking.Rank(1, 3), result.Hits[0].Details[1].Rank);
    }

    [Fact]
    public void StopWords_IgnoredInQuery()
    {
        using var index = TestIndex.Create(IndexSettings.Default with { StopWords = ["the"] }, """{"id":1,"t":"the cat"}""", """{"id":2,"t":"the dog"}""");
        Assert.Equal(["1"], TestIndex.Search(index, "the cat", MatchingStrategy.All));
    }

    [Fact]
    public void Synonyms_MatchAlternatives()
    {
        var synonyms = new Dictionary<string, IReadOnlyList<string>> { ["phone"] = ["mobile"] };
        using var index = TestIndex.Create(IndexSettings.Default with { Synonyms = synonyms }, """{"id":1,"t":"mobile"}""", """{"id":2,"t":"phone"}""");
        Assert.Equal(["2", "1"], TestIndex.Search(index, "phone"));
    }

    [Fact]
    public void NestedFields_AreSearchableWithDots()
    {
        using var index = TestIndex.Create(IndexSettings.Default with { SearchableAttributes = ["author.name"] },
            """{"id":1,"author":{"name":"tolkien","city":"oxford"}}""");
        Assert.Equal(["1"], TestIndex.Search(index, "tolkien"));
        Assert.Empty(TestIndex.Search(index, "oxford"));
    }

    [Fact]
    public void Phrase_RequiresAdjacentWordsInOrder()
    {
        using var index = TestIndex.Create(null, """{"id":1,"t":"new york city"}""", """{"id":2,"t":"york is new"}""", """{"id":3,"t":"a new car in york"}""");
        Assert.Equal(["1"], TestIndex.Search(index, "\"new york\"", MatchingStrategy.All));
        Assert.Equal(["1"], TestIndex.Search(index, "\"new york\" city", MatchingStrategy.All));
        Assert.Empty(TestIndex.Search(index, "\"york new\"", MatchingStrategy.All));
    }

    [Fact]
    public void Phrase_LastStrategy_DropsPlainWordsBeforePhrases()
    {
        using var index = TestIndex.Create(null, """{"id":1,"title":"Dumbo"}""", """{"id":2,"title":"Bambi"}""", """{"id":3,"title":"dumbo coconut"}""");
        // Meilisearch: the unmatched plain word `coco` goes first, the phrase stays.
        Assert.Equal(["1", "3"], TestIndex.Search(index, "coco \"dumbo\"").Order());
        // Both terms first, then the phrase alone (the plain word dropped).
        Assert.Equal(["3", "1"], TestIndex.Search(index, "\"dumbo\" coconut"));
        Assert.Empty(TestIndex.Search(index, "coco \"dumbo\"", MatchingStrategy.All));
    }

    [Fact]
    public void Validation_UnsearchableOrUnfilterable_Throws()
    {
        using var index = TestIndex.Create(IndexSettings.Default with { SearchableAttributes = ["name"] }, Products);
        var search = Assert.Throws<MeiliException>(() => index.Search(new SearchRequest { Q = "a", AttributesToSearchOn = ["brand"] }));
        Assert.Equal(ErrorCode.InvalidSearchAttributesToSearchOn, search.Code);
        var distinct = Assert.Throws<MeiliException>(() => index.Search(new SearchRequest { Distinct = "brand" }));
        Assert.Equal(ErrorCode.InvalidSearchDistinct, distinct.Code);
    }

    [Fact]
    public void Filter_NarrowsCandidates_AndFacetsCountThem()
    {
        using var index = Index();
        using var filter = System.Text.Json.JsonDocument.Parse("\"brand = acme\"");
        var result = index.Search(new SearchRequest { Q = "apple", Filter = filter.RootElement, Facets = ["brand"] });
        Assert.Equal(["1", "2"], TestIndex.Ids(result));
        var response = TestIndex.Response(result);
        Assert.Equal(2, response.GetProperty("facetDistribution").GetProperty("brand").GetProperty("acme").GetInt32());
    }

    [Fact]
    public void Filter_NotFilterable_ThrowsInvalidSearchFilter()
    {
        using var index = Index();
        using var filter = System.Text.Json.JsonDocument.Parse("\"name = x\"");
        var ex = Assert.Throws<MeiliException>(() => index.Search(new SearchRequest { Filter = filter.RootElement }));
        Assert.Equal(ErrorCode.InvalidSearchFilter, ex.Code);
    }

    [Fact]
    public void DeleteByFilter_RemovesMatchingDocuments()
    {
        using var index = Index();
        using var filter = System.Text.Json.JsonDocument.Parse("\"brand = fruitco\"");
        Assert.Equal(2, index.DeleteByFilter(filter.RootElement));
        Assert.Equal(["1", "2", "4"], TestIndex.Ids(index.Search(new SearchRequest())));
    }

    [Fact]
    public void GeoSort_OrdersByDistance_AndReportsIt()
    {
        using var index = TestIndex.Create(IndexSettings.Default with { SortableAttributes = ["_geo"] },
            """{"id":1,"_geo":{"lat":48.8566,"lng":2.3522}}""", """{"id":2,"_geo":{"lat":45.764,"lng":4.8357}}""", """{"id":3}""");
        var result = index.Search(new SearchRequest { Sort = ["_geoPoint(45.75, 4.85):asc"] });
        Assert.Equal(["2", "1", "3"], TestIndex.Ids(result));
        Assert.InRange(result.Hits[0].GeoDistance!.Value, 1000, 3000);
        Assert.Null(result.Hits[2].GeoDistance);
    }
}
