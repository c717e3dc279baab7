using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Settings;

public sealed class SettingsJsonUnitTests
{
    private static string Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static IndexSettings Patch(string json, IndexSettings? current = null) =>
        SettingsJson.ApplyPatch(current ?? IndexSettings.Default, Json(json));

    private static MeiliException PatchFails(string json) => Assert.Throws<MeiliException>(() => Patch(json));

    [Fact]
    public void Write_Defaults_MeilisearchShapeAndOrder()
    {
        const string expected =
            "{\"displayedAttributes\":[\"*\"],\"searchableAttributes\":[\"*\"],\"filterableAttributes\":[],\"sortableAttributes\":[]," +
            "\"rankingRules\":[\"words\",\"typo\",\"proximity\",\"attribute\",\"sort\",\"exactness\"],\"stopWords\":[]," +
            "\"nonSeparatorTokens\":[],\"separatorTokens\":[],\"dictionary\":[],\"synonyms\":{},\"distinctAttribute\":null," +
            "\"proximityPrecision\":\"byWord\",\"typoTolerance\":{\"enabled\":true,\"minWordSizeForTypos\":{\"oneTypo\":5,\"twoTypos\":9}," +
            "\"disableOnWords\":[],\"disableOnAttributes\":[],\"disableOnNumbers\":false},\"faceting\":{\"maxValuesPerFacet\":100," +
            "\"sortFacetValuesBy\":{\"*\":\"alpha\"}},\"pagination\":{\"maxTotalHits\":1000},\"embedders\":{},\"searchCutoffMs\":null," +
            "\"localizedAttributes\":null,\"facetSearch\":true,\"prefixSearch\":\"indexingTime\"}";
        Assert.Equal(expected, Render(w => SettingsJson.Write(w, IndexSettings.Default)));
    }

    [Fact]
    public void ApplyPatch_Values_AppliedAndSetsSorted()
    {
        var s = Patch("""
            {"filterableAttributes":["year","genre"],"sortableAttributes":["b","a"],"stopWords":["the","a"],
             "rankingRules":["words","price:desc","typo"],"distinctAttribute":"sku","synonyms":{"wow":["amazing"],"car":["auto"]},
             "proximityPrecision":"byAttribute","searchCutoffMs":150,"facetSearch":false,"prefixSearch":"disabled",
             "pagination":{"maxTotalHits":50},"embedders":{"default":{"source":"userProvided","dimensions":3}}}
            """);
        Assert.Equal(["words", "price:desc", "typo"], s.RankingRules);
        Assert.Equal("sku", s.DistinctAttribute);
        Assert.Equal(("byAttribute", 150, false, "disabled", 50), (s.ProximityPrecision, s.SearchCutoffMs, s.FacetSearch, s.PrefixSearch, s.MaxTotalHits));
        Assert.Equal(3, s.Embedders["default"].Dimensions);
        Assert.Equal("[\"year\",\"genre\"]", Render(w => SettingsJson.WriteOne(w, s, "filterableAttributes")));
        Assert.Equal("{\"car\":[\"auto\"],\"wow\":[\"amazing\"]}", Render(w => SettingsJson.WriteOne(w, s, "synonyms")));
        Assert.Equal("[\"a\",\"the\"]", Render(w => SettingsJson.WriteOne(w, s, "stopWords")));
    }

    [Fact]
    public void ApplyPatch_Null_ResetsOnlyThatSetting()
    {
        var current = Patch("{\"stopWords\":[\"a\"],\"distinctAttribute\":\"x\",\"pagination\":{\"maxTotalHits\":5}}");
        var s = Patch("{\"stopWords\":null,\"pagination\":null}", current);
        Assert.Empty(s.StopWords);
        Assert.Equal(1000, s.MaxTotalHits);
        Assert.Equal("x", s.DistinctAttribute);
    }

    [Fact]
    public void ApplyPatch_NestedObjects_MergeFieldByField()
    {
        var current = Patch("{\"typoTolerance\":{\"disableOnWords\":[\"xyz\"],\"minWordSizeForTypos\":{\"oneTypo\":4}}}");
        var s = Patch("{\"typoTolerance\":{\"enabled\":false,\"minWordSizeForTypos\":{\"twoTypos\":12}},\"faceting\":{\"sortFacetValuesBy\":{\"genre\":\"count\"}}}", current);
        Assert.False(s.TypoTolerance.Enabled);
        Assert.Equal((4, 12), (s.TypoTolerance.OneTypo, s.TypoTolerance.TwoTypos));
        Assert.Equal(["xyz"], s.TypoTolerance.DisableOnWords);
        Assert.Equal("{\"maxValuesPerFacet\":100,\"sortFacetValuesBy\":{\"*\":\"alpha\",\"genre\":\"count\"}}", Render(w => SettingsJson.WriteOne(w, s, "faceting")));
    }

    [Fact]
    public void ApplyPatch_FilterableObjectForm_FlattenedAndEchoedWithDefaults()
    {
        var s = Patch("{\"filterableAttributes\":[\"a\",{\"attributePatterns\":[\"b*\",\"c\"],\"features\":{\"facetSearch\":true}}]}");
        Assert.Equal(["a", "b*", "c"], s.FilterableAttributes);
        Assert.Equal(
            "[\"a\",{\"attributePatterns\":[\"b*\",\"c\"],\"features\":{\"facetSearch\":true,\"filter\":{\"equality\":true,\"comparison\":false}}}]",
            Render(w => SettingsJson.WriteOne(w, s, "filterableAttributes")));
        Assert.Null(SettingsJson.ResetOne(s, "filterableAttributes").FilterableAttributeRules);
    }

    [Fact]
    public void ApplyPatch_FilterableRuleWithoutPatterns_Missing()
    {
        var e = PatchFails("{\"filterableAttributes\":[{\"features\":{}}]}");
        Assert.Same(ErrorCode.InvalidSettingsFilterableAttributes, e.Code);
        Assert.Equal("Missing field `attributePatterns` inside `.filterableAttributes[0]`", e.Message);
    }

    [Fact]
    public void ApplyPatch_WildcardAmongFields_ResetsToStar()
    {
        var s = Patch("{\"displayedAttributes\":[\"title\",\"*\"],\"searchableAttributes\":[\"title\",\"body\"]}");
        Assert.Equal(["*"], s.DisplayedAttributes);
        Assert.Equal(["title", "body"], s.SearchableAttributes);
    }

    [Fact]
    public void ApplyPatch_EmbedderNull_RemovesIt()
    {
        var current = Patch("{\"embedders\":{\"a\":{\"source\":\"userProvided\",\"dimensions\":2},\"b\":{\"source\":\"userProvided\",\"dimensions\":4}}}");
        var s = Patch("{\"embedders\":{\"a\":null,\"b\":{\"dimensions\":8}}}", current);
        Assert.Equal(["b"], s.Embedders.Keys);
        Assert.Equal(8, s.Embedders["b"].Dimensions);
    }

    [Fact]
    public void ApplyPatch_UnknownField_BadRequestListingKeys()
    {
        var e = PatchFails("{\"rankingRule\":[]}");
        Assert.Same(ErrorCode.BadRequest, e.Code);
        Assert.Equal(
            "Unknown field `rankingRule`: did you mean `rankingRules`? expected one of `displayedAttributes`, `searchableAttributes`, `filterableAttributes`, `sortableAttributes`, `rankingRules`, `stopWords`, `nonSeparatorTokens`, `separatorTokens`, `dictionary`, `synonyms`, `distinctAttribute`, `proximityPrecision`, `typoTolerance`, `faceting`, `pagination`, `embedders`, `searchCutoffMs`, `localizedAttributes`, `facetSearch`, `prefixSearch`",
            e.Message);
    }

    [Theory]
    [InlineData("{\"rankingRules\":[\"words\",\"wrods\"]}", "invalid_settings_ranking_rules", "Invalid value at `.rankingRules[1]`: `wrods` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.")]
    [InlineData("{\"rankingRules\":[\"price:up\"]}", "invalid_settings_ranking_rules", "Invalid value at `.rankingRules[0]`: `price:up` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.")]
    [InlineData("{\"rankingRules\":[\"_geo:asc\"]}", "invalid_settings_ranking_rules", "Invalid value at `.rankingRules[0]`: `_geo` is a reserved keyword and thus can't be used as a ranking rule")]
    [InlineData("{\"rankingRules\":\"words\"}", "invalid_settings_ranking_rules", "Invalid value type at `.rankingRules`: expected an array, but found a string: `\"words\"`")]
    [InlineData("{\"displayedAttributes\":[1]}", "invalid_settings_displayed_attributes", "Invalid value type at `.displayedAttributes[0]`: expected a string, but found a positive integer: `1`")]
    [InlineData("{\"filterableAttributes\":[true]}", "invalid_settings_filterable_attributes", "Invalid value type at `.filterableAttributes[0]`: expected a string or an object, but found a boolean: `true`")]
    [InlineData("{\"synonyms\":{\"a\":\"b\"}}", "invalid_settings_synonyms", "Invalid value type at `.synonyms.a`: expected an array, but found a string: `\"b\"`")]
    [InlineData("{\"distinctAttribute\":1}", "invalid_settings_distinct_attribute", "Invalid value type at `.distinctAttribute`: expected a string, but found a positive integer: `1`")]
    [InlineData("{\"proximityPrecision\":\"byWords\"}", "invalid_settings_proximity_precision", "Unknown value `byWords` at `.proximityPrecision`: did you mean `byWord`? expected one of `byWord`, `byAttribute`")]
    [InlineData("{\"typoTolerance\":{\"enable\":false}}", "invalid_settings_typo_tolerance", "Unknown field `enable` inside `.typoTolerance`: did you mean `enabled`? expected one of `enabled`, `minWordSizeForTypos`, `disableOnWords`, `disableOnAttributes`, `disableOnNumbers`")]
    [InlineData("{\"typoTolerance\":{\"minWordSizeForTypos\":{\"oneTypo\":10,\"twoTypos\":6}}}", "invalid_settings_typo_tolerance", "`minWordSizeForTypos` setting is invalid. `oneTypo` and `twoTypos` fields should be between `0` and `255`, and `twoTypos` should be greater or equals to `oneTypo` but found `oneTypo: 10` and twoTypos: 6`.")]
    [InlineData("{\"faceting\":{\"maxValuesPerFacet\":-1}}", "invalid_settings_faceting", "Invalid value type at `.faceting.maxValuesPerFacet`: expected a positive integer, but found a negative integer: `-1`")]
    [InlineData("{\"faceting\":{\"sortFacetValuesBy\":{\"*\":\"size\"}}}", "invalid_settings_faceting", "Unknown value `size` at `.faceting.sortFacetValuesBy.*`: expected one of `alpha`, `count`")]
    [InlineData("{\"pagination\":{\"maxTotalHits\":\"10\"}}", "invalid_settings_pagination", "Invalid value type at `.pagination.maxTotalHits`: expected a positive integer, but found a string: `\"10\"`")]
    [InlineData("{\"searchCutoffMs\":-5}", "invalid_settings_search_cutoff_ms", "Invalid value type at `.searchCutoffMs`: expected a positive integer, but found a negative integer: `-5`")]
    [InlineData("{\"facetSearch\":\"yes\"}", "invalid_settings_facet_search", "Invalid value type at `.facetSearch`: expected a boolean, but found a string: `\"yes\"`")]
    [InlineData("{\"prefixSearch\":\"always\"}", "invalid_settings_prefix_search", "Unknown value `always` at `.prefixSearch`: expected one of `indexingTime`, `disabled`")]
    [InlineData("{\"embedders\":{\"e\":{\"source\":\"userProvided\"}}}", "invalid_settings_embedders", "`.embedders.e`: Missing field `dimensions` (note: this field is mandatory for source `userProvided`)")]
    [InlineData("{\"localizedAttributes\":[{\"locales\":[\"fra\"],\"patterns\":[]}]}", "invalid_settings_localized_attributes", "Unknown field `patterns` inside `.localizedAttributes[0]`: expected one of `attributePatterns`, `locales`")]
    public void ApplyPatch_InvalidValue_SettingCodeAndMessage(string json, string code, string message)
    {
        var e = PatchFails(json);
        Assert.Equal(code, e.Code.Name);
        Assert.Equal(400, e.Code.Status);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ValidatePatch_CrossFieldTypoCheck_DeferredToApply()
    {
        SettingsJson.ValidatePatch(Json("{\"typoTolerance\":{\"minWordSizeForTypos\":{\"oneTypo\":10}}}"));
        Assert.Throws<MeiliException>(() => Patch("{\"typoTolerance\":{\"minWordSizeForTypos\":{\"oneTypo\":10}}}"));
    }

    [Fact]
    public void Routes_EveryKey_HasSubRoute()
    {
        Assert.Equal(SettingsJson.Keys, SettingsJson.Routes.Select(r => r.Key));
        Assert.Equal(new SettingsRoute("typo-tolerance", "typoTolerance", "PATCH"), SettingsJson.FindRoute("typo-tolerance"));
        Assert.Equal("PUT", SettingsJson.FindRoute("filterable-attributes")!.UpdateMethod);
        Assert.Null(SettingsJson.FindRoute("nope"));
    }

    [Fact]
    public void ApplyOne_SubRouteBody_ErrorsWithoutPathAndNullResets()
    {
        var s = SettingsJson.ApplyOne(IndexSettings.Default, "sortableAttributes", Json("[\"price\"]"));
        Assert.Equal(["price"], s.SortableAttributes);
        Assert.Empty(SettingsJson.ApplyOne(s, "sortableAttributes", Json("null")).SortableAttributes);
        Assert.Empty(SettingsJson.ResetOne(s, "sortableAttributes").SortableAttributes);
        var e = Assert.Throws<MeiliException>(() => SettingsJson.ApplyOne(s, "sortableAttributes", Json("\"price\"")));
        Assert.Equal("Invalid value type: expected an array, but found a string: `\"price\"`", e.Message);
        Assert.Same(ErrorCode.InvalidSettingsSortableAttributes, e.Code);
    }

    [Fact]
    public void NormalizePatch_SentKeysInCanonicalOrder_Compact()
    {
        var bytes = SettingsJson.NormalizePatch(Json("{ \"stopWords\" : null, \"rankingRules\": [ \"words\" ] }"));
        Assert.Equal("{\"rankingRules\":[\"words\"],\"stopWords\":null}", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ToBytesRead_CustomSettings_RoundTrip()
    {
        var s = Patch("""
            {"displayedAttributes":["title","id"],"searchableAttributes":["title"],"filterableAttributes":["genre",{"attributePatterns":["price"],"features":{"filter":{"comparison":true}}}],
             "sortableAttributes":["price"],"rankingRules":["sort","words"],"stopWords":["a"],"nonSeparatorTokens":["@"],"separatorTokens":["|"],"dictionary":["J. R. R."],
             "synonyms":{"tv":["television"]},"distinctAttribute":"sku","proximityPrecision":"byAttribute",
             "typoTolerance":{"enabled":false,"minWordSizeForTypos":{"oneTypo":3,"twoTypos":7},"disableOnWords":["x"],"disableOnAttributes":["id"],"disableOnNumbers":true},
             "faceting":{"maxValuesPerFacet":7,"sortFacetValuesBy":{"genre":"count"}},"pagination":{"maxTotalHits":20},
             "embedders":{"e":{"source":"userProvided","dimensions":2}},"searchCutoffMs":30,"facetSearch":false,"prefixSearch":"disabled"}
            """);
        var bytes = SettingsJson.ToBytes(s);
        var back = SettingsJson.Read(bytes);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(SettingsJson.ToBytes(back)));
        Assert.Equal(["genre", "price"], back.FilterableAttributes);
        Assert.True(back.FilterableAttributeRules![1].Comparison);
        Assert.Equal(SettingsJson.ToBytes(IndexSettings.Default), SettingsJson.ToBytes(SettingsJson.Read(SettingsJson.ToBytes(IndexSettings.Default))));
    }
}
