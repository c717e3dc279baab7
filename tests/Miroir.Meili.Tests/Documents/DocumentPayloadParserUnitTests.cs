using System.Buffers;
using System.Text;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Tests.Documents;

public sealed class DocumentPayloadParserUnitTests
{
    private static string[] Parse(string body, DocumentPayloadFormat format, char delimiter = ',') =>
        DocumentPayloadParser.Parse(Encoding.UTF8.GetBytes(body), format, (byte)delimiter)
            .Documents.Select(d => Encoding.UTF8.GetString(d.Span)).ToArray();

    private static MeiliException Fails(string body, DocumentPayloadFormat format) =>
        Assert.Throws<MeiliException>(() => Parse(body, format));

    [Fact]
    public void Json_Array_SlicesEachObject()
    {
        var docs = Parse("[ {\"id\":1,\"a\":[1,{\"b\":2}]} ,\n{\"id\":\"x\"} ]", DocumentPayloadFormat.Json);
        Assert.Equal(["{\"id\":1,\"a\":[1,{\"b\":2}]}", "{\"id\":\"x\"}"], docs);
    }

    [Fact]
    public void Json_SingleObject_OneDocument()
    {
        Assert.Equal(["{\"id\": 7}"], Parse("  {\"id\": 7}  ", DocumentPayloadFormat.Json));
    }

    [Fact]
    public void Json_EmptyArray_NoDocuments()
    {
        Assert.Empty(Parse("[]", DocumentPayloadFormat.Json));
    }

    [Fact]
    public void Json_MultiSegmentSequence_ParsesLikeArray()
    {
        var first = new Segment(Encoding.UTF8.GetBytes("[{\"id\":1},"));
        var last = first.Append(Encoding.UTF8.GetBytes("{\"id\":2}]"));
        var payload = DocumentPayloadParser.Parse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), DocumentPayloadFormat.Json);
        Assert.Equal(2, payload.Count);
        Assert.Equal("{\"id\":2}", Encoding.UTF8.GetString(payload.Documents[1].Span));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"doc\"")]
    [InlineData("[{\"id\":1}, [2]]")]
    public void Json_NotObjects_MalformedPayload(string body)
    {
        var e = Fails(body, DocumentPayloadFormat.Json);
        Assert.Same(ErrorCode.MalformedPayload, e.Code);
        Assert.Equal(
            "The `json` payload provided is malformed. `Couldn't serialize document value: data are neither an object nor a list of objects`.",
            e.Message);
    }

    [Theory]
    [InlineData("[{\"id\":1}")]
    [InlineData("{\"id\":}")]
    [InlineData("{\"id\":1} {\"id\":2}")]
    public void Json_Syntax_MalformedPayloadWithPosition(string body)
    {
        var e = Fails(body, DocumentPayloadFormat.Json);
        Assert.Same(ErrorCode.MalformedPayload, e.Code);
        Assert.StartsWith("The `json` payload provided is malformed. `Couldn't serialize document value: ", e.Message);
        Assert.Matches(@"at line \d+ column \d+`\.$", e.Message);
    }

    [Theory]
    [InlineData("[{\"id\":1}", "EOF while parsing a value")]
    [InlineData("{\"id\": x}", "expected value")]
    [InlineData("{id: 1}", "key must be a string")]
    [InlineData("   ", "EOF while parsing a value")]
    public void Json_Syntax_SerdeStyleReason(string body, string reason)
    {
        var e = Fails(body, DocumentPayloadFormat.Json);
        Assert.StartsWith("The `json` payload provided is malformed. `Couldn't serialize document value: " + reason + " at line 1 column ", e.Message);
    }

    [Theory]
    [InlineData(DocumentPayloadFormat.Json, "A json payload is missing.")]
    [InlineData(DocumentPayloadFormat.Ndjson, "A ndjson payload is missing.")]
    [InlineData(DocumentPayloadFormat.Csv, "A csv payload is missing.")]
    public void Parse_EmptyBody_MissingPayload(DocumentPayloadFormat format, string message)
    {
        var e = Fails("", format);
        Assert.Same(ErrorCode.MissingPayload, e.Code);
        Assert.Equal(400, e.Code.Status);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Ndjson_LinesAndBlankLines_OneDocumentPerObject()
    {
        var docs = Parse("{\"id\":1}\n\n{\"id\":2,\"t\":\"a\\nb\"}\r\n{\"id\":3}", DocumentPayloadFormat.Ndjson);
        Assert.Equal(["{\"id\":1}", "{\"id\":2,\"t\":\"a\\nb\"}", "{\"id\":3}"], docs);
    }

    [Fact]
    public void Ndjson_NonObjectLine_MalformedPayload()
    {
        var e = Fails("{\"id\":1}\n[1]\n", DocumentPayloadFormat.Ndjson);
        Assert.Equal(
            "The `ndjson` payload provided is malformed. `Couldn't serialize document value: data are neither an object nor a list of objects`.",
            e.Message);
    }

    [Fact]
    public void Ndjson_BrokenLine_MalformedPayload()
    {
        var e = Fails("{\"id\":1}\n{\"id\":\n", DocumentPayloadFormat.Ndjson);
        Assert.Same(ErrorCode.MalformedPayload, e.Code);
        Assert.StartsWith("The `ndjson` payload provided is malformed.", e.Message);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
