using System.Globalization;
using CsCheck;
using Miroir.Proxy.Merging;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

public sealed class SortMergeUnitTests
{
    /// <summary>A sort value: a number, a string or missing (null).</summary>
    private sealed record Value(double? Number, string? Text)
    {
        public int Kind => Number is not null ? 0 : Text is not null ? 1 : 2;

        public string Json => Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : Text is { } t ? $"\"{t}\"" : "null";
    }

    private static int Compare(Value a, Value b, bool desc)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind.CompareTo(b.Kind);
        }

        var c = a.Kind switch
        {
            0 => a.Number!.Value.CompareTo(b.Number!.Value),
            1 => string.CompareOrdinal(a.Text!.ToLowerInvariant(), b.Text!.ToLowerInvariant()),
            _ => 0,
        };
        return desc ? -c : c;
    }

    // Details as Meilisearch writes them with default rules: words (relevancy) ranks before the sort; keys may be sorted, so `order` is not always first.
    private static string SortedHit(string id, int words, Value price, double score, bool desc) =>
        $"{{\"id\":\"{id}\",\"_rankingScore\":{score.ToString("R", CultureInfo.InvariantCulture)},\"_rankingScoreDetails\":"
        + $"{{\"price:{(desc ? "desc" : "asc")}\":{{\"value\":{price.Json},\"order\":1}},\"words\":{{\"order\":0,\"matchingWords\":{words},\"maxMatchingWords\":2,\"score\":{(words / 2.0).ToString("R", CultureInfo.InvariantCulture)}}}}}}}";

    private static readonly Gen<Value> Values = Gen.OneOf(
        Gen.Int[-5, 5].Select(i => new Value(i, null)),
        Gen.String[Gen.Char["abAB"], 1, 3].Select(s => new Value(null, s)),
        Gen.Const(new Value(null, null)));

    private sealed record SortedHitData(int Words, Value Price, int Score);

    [Fact]
    public void Merge_SortByField_EqualsSortingUnionByRankingRulesThenScore()
    {
        var hit = Gen.Select(Gen.Int[0, 2], Values, Gen.Int[0, 3]).Select((w, v, s) => new SortedHitData(w, v, s));
        Gen.Select(hit.Array[0, 12].Array[1, 4], Gen.Bool).Sample((nodes, desc) =>
        {
            int Order(SortedHitData a, SortedHitData b)
            {
                var c = b.Words.CompareTo(a.Words);
                c = c != 0 ? c : Compare(a.Price, b.Price, desc);
                return c != 0 ? c : b.Score.CompareTo(a.Score);
            }

            var sorted = nodes.Select(hits => hits.Order(Comparer<SortedHitData>.Create(Order)).ToArray()).ToArray();
            var responses = sorted.Select((hits, n) => Response(hits.Select((h, p) => SortedHit($"n{n}p{p}", h.Words, h.Price, h.Score / 4.0, desc)), hits.Length));
            var expected = sorted.SelectMany((hits, n) => hits.Select((h, p) => (Id: $"n{n}p{p}", Hit: h, Node: n, Pos: p)))
                .Order(Comparer<(string Id, SortedHitData Hit, int Node, int Pos)>.Create((a, b) =>
                {
                    var c = Order(a.Hit, b.Hit);
                    if (c != 0)
                    {
                        return c;
                    }

                    return a.Node != b.Node ? a.Node.CompareTo(b.Node) : a.Pos.CompareTo(b.Pos);
                }))
                .Select(x => x.Id).ToList();

            var merged = Merge(responses, new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 1000), Sort = [desc ? "price:desc" : "price:asc"] });

            Assert.Equal(expected, Ids(merged));
        }, iter: 300);
    }

    [Fact]
    public void Merge_GeoSort_OrdersByDistanceFromDetails()
    {
        static string Geo(string id, double? distance) =>
            $"{{\"id\":\"{id}\",\"_rankingScore\":1.0,\"_rankingScoreDetails\":{{\"_geoPoint(48.8, 2.3):asc\":{{\"order\":0,\"value\":null,\"distance\":{(distance is { } d ? d.ToString(CultureInfo.InvariantCulture) : "null")}}}}}}}";
        var a = Response([Geo("a1", 10), Geo("a2", 500), Geo("a3", null)], 3);
        var b = Response([Geo("b1", 5), Geo("b2", 700.5)], 2);

        var merged = Merge([a, b], new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 10), Sort = ["_geoPoint(48.8,2.3):asc"] });

        Assert.Equal(["b1", "a1", "a2", "b2", "a3"], Ids(merged));
    }

    [Fact]
    public void Merge_TwoRulesSecondBreaksTies_UsesBothRules()
    {
        static string Hit(string id, int price, string name) =>
            $"{{\"id\":\"{id}\",\"_rankingScore\":0.5,\"_rankingScoreDetails\":{{\"price:desc\":{{\"order\":0,\"value\":{price}}},\"name:asc\":{{\"order\":1,\"value\":\"{name}\"}}}}}}";
        var a = Response([Hit("a1", 9, "Zed"), Hit("a2", 3, "b")], 2);
        var b = Response([Hit("b1", 9, "alpha"), Hit("b2", 3, "B2")], 2);

        var merged = Merge([a, b], new SearchMergeRequest { Sort = ["price:desc", "name:asc"] });

        Assert.Equal(["b1", "a1", "a2", "b2"], Ids(merged));
    }

    [Fact]
    public void Merge_RelevancyRuleBeforeSort_RelevancyWins()
    {
        static string Hit(string id, double words, int price) =>
            $"{{\"id\":\"{id}\",\"_rankingScore\":{words.ToString(CultureInfo.InvariantCulture)},\"_rankingScoreDetails\":{{\"words\":{{\"order\":0,\"score\":{words.ToString(CultureInfo.InvariantCulture)}}},\"price:asc\":{{\"order\":1,\"value\":{price}}}}}}}";
        var a = Response([Hit("a1", 1.0, 50), Hit("a2", 0.5, 1)], 2);
        var b = Response([Hit("b1", 1.0, 10), Hit("b2", 0.5, 0)], 2);

        var merged = Merge([a, b], new SearchMergeRequest { Sort = ["price:asc"] });

        Assert.Equal(["b1", "a1", "b2", "a2"], Ids(merged));
    }

    [Fact]
    public void Merge_SortRuleBeforeRelevancy_SortWins()
    {
        static string Hit(string id, double words, int price) =>
            $"{{\"id\":\"{id}\",\"_rankingScore\":{words.ToString(CultureInfo.InvariantCulture)},\"_rankingScoreDetails\":{{\"price:asc\":{{\"order\":0,\"value\":{price}}},\"words\":{{\"order\":1,\"score\":{words.ToString(CultureInfo.InvariantCulture)}}}}}}}";
        var a = Response([Hit("a1", 0.5, 1), Hit("a2", 1.0, 50)], 2);
        var b = Response([Hit("b1", 1.0, 1), Hit("b2", 0.5, 10)], 2);

        var merged = Merge([a, b], new SearchMergeRequest { Sort = ["price:asc"] });

        Assert.Equal(["b1", "a1", "b2", "a2"], Ids(merged));
    }
}
