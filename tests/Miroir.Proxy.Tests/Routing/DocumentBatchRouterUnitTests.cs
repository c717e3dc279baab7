using System.Buffers;
using System.Text;
using Miroir.Core.Routing;
using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Routing.RoutingAssertions;

namespace Miroir.Proxy.Tests.Routing;

public sealed class DocumentBatchRouterUnitTests
{
    [Fact]
    public void Route_JsonArray_EachDocumentOnExactlyItsOwnersWithBytesPreserved()
    {
        var docs = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? $"{{\"id\":{i},\"title\":\"Doc {i}\",\"nested\":{{\"a\":[1,2,{{\"b\":null}}]}},\"f\":1.5e3}}"
            : $"{{ \"title\" : \"caf\u00e9 \\\"q\\\" \\u00e9\", \"id\" : \"s-{i}_x\" }}").ToList();
        using var batch = Route("[" + string.Join(",\n  ", docs) + "]");

        AssertRoutedExactly(docs, batch);
    }

    [Fact]
    public void Route_SingleObject_RoutesOneDocument()
    {
        const string doc = "{\"id\":\"abc\",\"x\":[true,false]}";
        using var batch = Route("  " + doc + "\n");

        AssertRoutedExactly([doc], batch);
        Assert.Equal(2, Enumerable.Range(0, 3).Count(batch.HasDocuments));
    }

    [Fact]
    public void Route_IntegerAndStringIdsWithSameText_LandOnSameShard()
    {
        using var batch = Route("[{\"id\":1,\"v\":\"int\"},{\"id\":\"1\",\"v\":\"str\"},{\"id\":-7},{\"id\":\"-7\"}]");
        var outputs = Outputs(batch);

        var shards = outputs.Select(o => (Id: CanonicalId(o.Doc.GetProperty("id")), Shard: o.Doc.GetProperty("_miroir_shard").GetInt32()))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Shard).Distinct().Single());
        Assert.Equal(TestRouteTables.ShardOf("1", 12), shards["1"]);
        Assert.Equal(TestRouteTables.ShardOf("-7", 12), shards["-7"]);
    }

    [Fact]
    public void Route_EscapedStringId_HashesUnescapedText()
    {
        using var batch = Route("[{\"id\":\"ab\\u0063\"}]");
        var doc = Assert.Single(Outputs(batch).Select(o => o.Doc).DistinctBy(d => d.GetRawText()));

        Assert.Equal(TestRouteTables.ShardOf("abc", 12), doc.GetProperty("_miroir_shard").GetInt32());
        Assert.Contains("ab\\u0063", doc.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Route_EscapedPrimaryKeyName_IsRecognised()
    {
        using var batch = Route("[{\"\\u0069d\":\"x1\"}]");

        Assert.Equal(1, batch.TotalDocuments);
        Assert.Equal(1, batch.ShardCounts[TestRouteTables.ShardOf("x1", 12)]);
    }

    [Fact]
    public void Route_NdJsonWithBlankLines_RoutesEveryLine()
    {
        var docs = new[] { "{\"id\":1,\"a\":\"x\"}", "{\"id\":\"two\"}", "{\"id\":3}" };
        using var batch = Route("\n" + docs[0] + "\n\n\r\n" + docs[1] + "\n   \n" + docs[2] + "\n\n", DocumentFormat.NdJson);

        AssertRoutedExactly(docs, batch);
    }

    [Fact]
    public void Route_UpdatedAtStamp_AppendedAfterShard()
    {
        using var batch = Route("[{\"id\":5}]", updatedAt: 1700000000123);
        var raw = Outputs(batch).First().Raw;

        Assert.Equal($"{{\"id\":5,\"_miroir_shard\":{TestRouteTables.ShardOf("5", 12)},\"_miroir_updated_at\":1700000000123}}", raw);
    }

    [Fact]
    public void Route_ConfiguredStampField_LongestNameStillFits()
    {
        var field = "_miroir_" + new string('w', 40);
        var options = new DocumentRoutingOptions("id", [field]) { StampField = field };
        using var batch = DocumentBatchRouter.Route(new ReadOnlySequence<byte>("[{\"id\":\"k\",\"a\":1}]"u8.ToArray()), DocumentFormat.Json, TestRouteTables.Table(), options, long.MaxValue);
        var raw = Outputs(batch).First().Raw;

        Assert.Equal($"{{\"id\":\"k\",\"a\":1,\"_miroir_shard\":{TestRouteTables.ShardOf("k", 12)},\"{field}\":{long.MaxValue}}}", raw);
    }

    [Fact]
    public void Route_EmptyArray_ProducesNoSubBatches()
    {
        using var batch = Route("[ ]");

        Assert.Equal(0, batch.TotalDocuments);
        Assert.All(Enumerable.Range(0, 3), n => Assert.True(batch.BodyFor(n).IsEmpty));
    }

    [Fact]
    public void Route_LargeMultiSegmentBatch_RoutesAllTenThousand()
    {
        var docs = Enumerable.Range(0, 10_000).Select(i => $"{{\"id\":{i},\"body\":\"{new string('x', i % 50)}\"}}").ToList();
        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", docs) + "]");
        var sequence = TestSequence.Split(bytes, 4096);
        Assert.False(sequence.IsSingleSegment);

        using var batch = DocumentBatchRouter.Route(sequence, DocumentFormat.Json, TestRouteTables.Table(), new DocumentRoutingOptions("id"));

        AssertRoutedExactly(docs, batch);
    }

    [Fact]
    public void DocumentFormats_ContentTypes_MapLikeMeilisearch()
    {
        Assert.True(DocumentFormats.TryFromContentType("application/json; charset=utf-8", out var json));
        Assert.Equal(DocumentFormat.Json, json);
        Assert.True(DocumentFormats.TryFromContentType("application/x-ndjson", out var nd));
        Assert.Equal(DocumentFormat.NdJson, nd);
        Assert.True(DocumentFormats.TryFromContentType("text/csv", out var csv));
        Assert.Equal(DocumentFormat.Csv, csv);
        Assert.False(DocumentFormats.TryFromContentType("text/plain", out _));
    }

    [Fact]
    public void Route_TableFromCoreShardMap_MatchesSpecRouting()
    {
        var topology = new Topology(Enumerable.Range(0, 3).Select(i => new TopologyNode("node-" + i, "http://n" + i, 0)), 2, 1);
        var table = WriteRouteTable.FromShardMap(new ShardMap(topology, 12));
        var docs = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? $"{{\"id\":{i}}}" : $"{{\"id\":\"k{i}-x\"}}").ToList();

        using var batch = Route("[" + string.Join(",", docs) + "]", table: table);

        AssertRoutedExactly(docs, batch);
    }
}
