using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;
using Miroir.Tests.Shared;

namespace Miroir.Engine.Tests.Indexing;

/// <summary>An index loaded from its snapshot answers exactly as the one that wrote it, and keeps accepting writes.</summary>
public sealed class EngineIndexSnapshotUnitTests
{
    private static readonly IndexSettings Settings = IndexSettings.Default with
    {
        FilterableAttributes = ["section", "priority", "architecture", "installed_size_kb", "tags", "_geo"],
        SortableAttributes = ["installed_size_kb", "name"],
    };

    private static readonly string[] Searches =
    [
        """{"q":"library"}""",
        """{"q":"libary for pyton","showRankingScore":true}""",
        """{"q":"gnu","filter":"section = utils AND installed_size_kb > 100","facets":["section","priority","installed_size_kb"]}""",
        """{"q":"","sort":["installed_size_kb:desc"],"limit":50}""",
        """{"q":"data","filter":"tags EXISTS","facets":["tags"],"attributesToHighlight":["description"]}""",
        """{"q":"","filter":"_geoRadius(48.85, 2.35, 1000)"}""",
        """{"q":"x","offset":3,"limit":5}""",
    ];

    [Fact]
    public void Snapshot_LoadedIndex_AnswersAsTheOriginalAndTakesWrites()
    {
        var original = new EngineIndex("debian", "id", Settings);
        var lines = TestData.DebianLines(1200).ToList();
        original.AddDocuments(Docs(lines.Take(800)), updateExisting: false);
        // Replaced and deleted documents leave dead ids in the postings (below the compaction threshold).
        original.AddDocuments(Docs(lines.Take(100).Select(l => Retitled(l, "replaced"))), updateExisting: false);
        original.AddDocuments(Docs(["""{"id":"geo-1","name":"paris","_geo":{"lat":48.86,"lng":2.34}}"""]), updateExisting: false);
        original.DeleteDocuments([.. lines.Skip(200).Take(50).Select(IdOf)]);

        var loaded = RoundTrip(original);

        AssertSameAnswers(original, loaded);
        Assert.Equal(original.GetStats().FieldDistribution, loaded.GetStats().FieldDistribution);
        Assert.True(loaded.TryGetDocument(IdOf(lines[0]), retrieveVectors: false, out var doc));
        Assert.Contains("replaced", Encoding.UTF8.GetString(doc.Span), StringComparison.Ordinal);

        // Both take the same writes (appends to loaded postings, columns and document slots) and still agree.
        foreach (var index in new[] { original, loaded })
        {
            index.AddDocuments(Docs(lines.Skip(800).Select(l => Retitled(l, "library"))), updateExisting: false);
            index.AddDocuments(Docs(lines.Skip(150).Take(40)), updateExisting: true);
            index.DeleteDocuments([.. lines.Skip(300).Take(10).Select(IdOf)]);
        }
        AssertSameAnswers(original, loaded);
        AssertSameAnswers(RoundTrip(loaded), original);
    }

    [Fact]
    public void Snapshot_EmptyIndex_RoundTrips()
    {
        var loaded = RoundTrip(new EngineIndex("empty", null, Settings));
        Assert.Equal(0, loaded.DocumentCount);
        Assert.Null(loaded.PrimaryKey);
        loaded.AddDocuments(Docs(["""{"id":1,"name":"vim"}"""]), updateExisting: false);
        Assert.Equal(["1"], TestIndex.Search(loaded, "vim"));
    }

    [Fact]
    public void Snapshot_Truncated_Throws()
    {
        var original = new EngineIndex("debian", "id", Settings);
        original.AddDocuments(Docs(TestData.DebianLines(50)), updateExisting: false);
        var bytes = Write(original);
        var loaded = new EngineIndex("debian", null, Settings);
        using var reader = new BinaryReader(new MemoryStream(bytes[..(bytes.Length / 2)]));
        Assert.Throws<EndOfStreamException>(() => loaded.ReadSnapshot(reader));
    }

    private static EngineIndex RoundTrip(EngineIndex index)
    {
        var loaded = new EngineIndex(index.Uid, null, index.Settings);
        using var reader = new BinaryReader(new MemoryStream(Write(index)));
        loaded.ReadSnapshot(reader);
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
        Assert.Equal(index.PrimaryKey, loaded.PrimaryKey);
        return loaded;
    }

    private static byte[] Write(EngineIndex index)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            index.WriteSnapshot(writer);
        }
        return stream.ToArray();
    }

    private static void AssertSameAnswers(EngineIndex expected, EngineIndex actual)
    {
        Assert.Equal(expected.DocumentCount, actual.DocumentCount);
        foreach (var body in Searches)
        {
            Assert.Equal(Answer(expected, body), Answer(actual, body));
        }
        var page = expected.GetDocuments(10, 30, null, null, retrieveVectors: false);
        var loadedPage = actual.GetDocuments(10, 30, null, null, retrieveVectors: false);
        Assert.Equal(page.Total, loadedPage.Total);
        Assert.Equal(page.Results.Select(d => Encoding.UTF8.GetString(d.Span)), loadedPage.Results.Select(d => Encoding.UTF8.GetString(d.Span)));
    }

    private static string Answer(EngineIndex index, string body)
    {
        var response = JsonNode.Parse(TestIndex.Response(index.Search(SearchRequestParser.ParseBody(Encoding.UTF8.GetBytes(body)))).GetRawText())!.AsObject();
        response.Remove("processingTimeMs");
        return body + " → " + response.ToJsonString();
    }

    private static IReadOnlyList<ReadOnlyMemory<byte>> Docs(IEnumerable<string> lines) =>
        [.. lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))];

    private static string IdOf(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var id = doc.RootElement.GetProperty("id");
        return id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
    }

    private static string Retitled(string line, string word)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node["description"] = word + " " + (string?)node["description"];
        return node.ToJsonString();
    }
}
