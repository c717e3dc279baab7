using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

/// <summary>The merge reads hits only as far as it takes them and copies them from a plan: checked against a straightforward merge.</summary>
public sealed class SearchResultMergerReadingUnitTests
{
    // Whitespace between properties, escaped names and strings, brackets in strings, _formatted not an object.
    private static readonly string[] AwkwardHits =
    [
        "{ \"id\" : \"a\\\"]}\" , \"_miroir_shard\" : 3 ,\n\"tags\":[\"[\",\"}\"], \"_formatted\" : { \"id\" : \"<em>a</em>\" , \"_miroir_shard\" : \"3\" } , \"_rankingScore\" : 0.9 }",
        "{\"_miroir_shard\":1,\"id\":\"b\\\\\",\"_miroir\\u005fupdated_at\":5,\"_formatted\":null,\"_rankingScore\":0.8,\"_rankingScoreDetails\":{\"words\":{\"order\":0,\"score\":0.8}}}",
        "{\"id\":\"c\\u005d\\u007b\",\"_matchesPosition\":{\"id\":[{\"start\":0,\"length\":1}],\"_miroir_shard\":[]},\"_formatted\":{\"_miroir_shard\":\"1\",\"_rankingScore\":\"kept\"},\"_rankingScore\":0.7}",
        "{\"id\":\"d\",\"_rankingScore\":0.6,\"_miroir_shard\":0}",
    ];

    public static TheoryData<int, int, bool> BenchmarkCases => new()
    {
        { 20, 20, false }, { 20, 20, true }, { 1000, 20, false }, { 1000, 20, true }, { 1000, 1000, false }, { 1000, 1000, true },
    };

    [Theory]
    [MemberData(nameof(BenchmarkCases))]
    public void Merge_BenchmarkInputs_ByteIdenticalToReference(int hitsPerNode, int top, bool sorted)
    {
        var bodies = Enumerable.Range(0, 3).Select(n => BenchmarkResponse(n, hitsPerNode, sorted)).ToArray();
        var request = new SearchMergeRequest { Query = "title", Paging = SearchPaging.OffsetLimit(0, top), Sort = sorted ? ["price:asc"] : null };

        Assert.Equal(Reference(bodies, request, sorted), RawMerge(bodies, request));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Merge_AwkwardHitsAtEveryWindow_ByteIdenticalToReference(bool keepScore, bool keepDetails)
    {
        var bodies = new[]
        {
            Response(AwkwardHits, 10, "\"facetDistribution\":{\"g\":{\"x]\":2}}"),
            Response(AwkwardHits, 20),
            Response([ScoredHit("e", 0.75)], 1),
        };
        for (var offset = 0; offset <= 9; offset++)
        {
            for (var limit = 0; limit <= 9 - offset; limit++)
            {
                var request = new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(offset, limit), ShowRankingScore = keepScore, ShowRankingScoreDetails = keepDetails };
                var merged = RawMerge(bodies, request);

                Assert.Equal(Reference(bodies, request, sorted: false), merged[..merged.IndexOf(",\"facetDistribution\"", StringComparison.Ordinal)] + "}");
                Assert.Equal(2, JsonDocument.Parse(merged).RootElement.GetProperty("facetDistribution").GetProperty("g").GetProperty("x]").GetInt64());
            }
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    public void Merge_PagesAcrossNodes_SameAsReference(int page, int hitsPerPage)
    {
        var bodies = new[] { Response(AwkwardHits, 4, paged: true), Response(AwkwardHits.Take(2), 2, paged: true) };
        var request = new SearchMergeRequest { Paging = SearchPaging.Pages(page, hitsPerPage) };

        Assert.Equal(Reference(bodies, request, sorted: false), RawMerge(bodies, request));
    }

    [Fact]
    public void Merge_FieldsBeforeHits_ReadWhereverTheyAre()
    {
        var before = "{\"estimatedTotalHits\":7,\"facetDistribution\":{\"genre\":{\"a\":3}},\"semanticHitCount\":1,\"hits\":["
            + string.Join(",", AwkwardHits) + "],\"facetStats\":{\"price\":{\"min\":1,\"max\":9}}}";
        var merged = Merge([before, Response([ScoredHit("z", 0.1)], 5, "\"facetDistribution\":{\"genre\":{\"a\":1}}")], new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 1) });

        Assert.Equal(["a\"]}"], Ids(merged));
        Assert.Equal(12, merged.GetProperty("estimatedTotalHits").GetInt64());
        Assert.Equal(4, merged.GetProperty("facetDistribution").GetProperty("genre").GetProperty("a").GetInt64());
        Assert.Equal(9, merged.GetProperty("facetStats").GetProperty("price").GetProperty("max").GetDouble());
        Assert.Equal(1, merged.GetProperty("semanticHitCount").GetInt64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Merge_BodyCutAnywhere_ThrowsJsonException(int limit)
    {
        var body = Response(AwkwardHits, 4, "\"facetDistribution\":{\"g\":{\"x\":1}}");
        for (var cut = 0; cut < body.Length; cut++)
        {
            var cutShort = body[..cut];
            Assert.ThrowsAny<JsonException>(() => Merge([Response([ScoredHit("a", 1)], 1), cutShort], new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, limit) }));
        }
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("{\"hits\":[{\"id\":1},]}")]
    [InlineData("{\"hits\":[{\"id\":1}{\"id\":2}]}")]
    [InlineData("{\"hits\":[{\"id\":1},2]}")]
    [InlineData("{\"hits\":[{\"id\":1}],\"estimatedTotalHits\":}")]
    [InlineData("{\"hits\":[{\"id\":1}]]")]
    public void Merge_NotJson_ThrowsJsonException(string body) =>
        Assert.ThrowsAny<JsonException>(() => Merge([body], new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 5) }));

    // The merge as it was: every hit parsed, the union sorted, each hit filtered by HitFilter, written by Utf8JsonWriter.
    private static string Reference(string[] bodies, SearchMergeRequest request, bool sorted)
    {
        var hits = new List<(byte[] Raw, double Words, double Price, double Score, int Node, int Position)>();
        var total = 0L;
        for (var node = 0; node < bodies.Length; node++)
        {
            using var doc = JsonDocument.Parse(bodies[node]);
            var root = doc.RootElement;
            total += root.TryGetProperty("totalHits", out var t) ? t.GetInt64() : root.GetProperty("estimatedTotalHits").GetInt64();
            var position = 0;
            foreach (var hit in root.GetProperty("hits").EnumerateArray())
            {
                var details = sorted ? hit.GetProperty("_rankingScoreDetails") : default;
                hits.Add((Encoding.UTF8.GetBytes(hit.GetRawText()),
                    sorted ? details.GetProperty("words").GetProperty("score").GetDouble() : 0,
                    sorted ? details.GetProperty("price:asc").GetProperty("value").GetDouble() : 0,
                    hit.GetProperty("_rankingScore").GetDouble(), node, position++));
            }
        }

        var paging = request.Paging;
        var window = hits.OrderByDescending(h => h.Words).ThenBy(h => h.Price).ThenByDescending(h => h.Score).ThenBy(h => h.Node).ThenBy(h => h.Position)
            .Skip(paging.Skip).Take(paging.Take);
        using var output = new PooledBufferWriter();
        using var scratch = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("hits"u8);
            foreach (var hit in window)
            {
                scratch.Clear();
                HitFilter.Write(hit.Raw, request.ShowRankingScore, request.ShowRankingScoreDetails, scratch);
                writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("query"u8, request.Query);
            writer.WriteNumber("processingTimeMs"u8, request.ProcessingTimeMs);
            if (paging.IsPaged)
            {
                writer.WriteNumber("hitsPerPage"u8, paging.HitsPerPage);
                writer.WriteNumber("page"u8, paging.Page);
                writer.WriteNumber("totalPages"u8, paging.TotalPages(total));
                writer.WriteNumber("totalHits"u8, total);
            }
            else
            {
                writer.WriteNumber("limit"u8, paging.Limit);
                writer.WriteNumber("offset"u8, paging.Offset);
                writer.WriteNumber("estimatedTotalHits"u8, total);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    // The node answer SearchMergeBenchmarks merges.
    private static string BenchmarkResponse(int node, int hitsPerNode, bool sorted)
    {
        var hits = Enumerable.Range(0, hitsPerNode).Select(p =>
        {
            var score = (1.0 - (p / (double)hitsPerNode)).ToString("R", CultureInfo.InvariantCulture);
            var details = sorted ? $",\"_rankingScoreDetails\":{{\"words\":{{\"order\":0,\"score\":1.0}},\"price:asc\":{{\"order\":1,\"value\":{(p * 3) + node}}}}}" : "";
            return $"{{\"id\":\"n{node}-{p}\",\"title\":\"A title of hit {p}\",\"price\":{(p * 3) + node},\"_miroir_shard\":{p % 64},"
                + $"\"_formatted\":{{\"id\":\"n{node}-{p}\",\"title\":\"A <em>title</em> of hit {p}\",\"_miroir_shard\":\"{p % 64}\"}},\"_rankingScore\":{score}{details}}}";
        });
        return "{\"hits\":[" + string.Join(",", hits) + $"],\"query\":\"title\",\"processingTimeMs\":2,\"limit\":{hitsPerNode},\"offset\":0,\"estimatedTotalHits\":5000}}";
    }
}
