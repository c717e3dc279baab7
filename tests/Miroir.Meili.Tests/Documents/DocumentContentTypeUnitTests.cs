using System.Text;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Tests.Documents;

public sealed class DocumentContentTypeUnitTests
{
    [Theory]
    [InlineData("application/json", DocumentPayloadFormat.Json)]
    [InlineData("application/json; charset=utf-8", DocumentPayloadFormat.Json)]
    [InlineData("Application/X-NDJSON", DocumentPayloadFormat.Ndjson)]
    [InlineData("text/csv", DocumentPayloadFormat.Csv)]
    public void Resolve_Accepted_Format(string header, DocumentPayloadFormat expected)
    {
        Assert.Equal(expected, DocumentContentType.Resolve(header, null, out var delimiter));
        Assert.Equal((byte)',', delimiter);
    }

    [Fact]
    public void Resolve_Missing_MissingContentType415()
    {
        var e = Assert.Throws<MeiliException>(() => DocumentContentType.Resolve(null, null, out _));
        Assert.Same(ErrorCode.MissingContentType, e.Code);
        Assert.Equal(415, e.Code.Status);
        Assert.Equal(
            "A Content-Type header is missing. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`",
            e.Message);
    }

    [Fact]
    public void Resolve_Unknown_InvalidContentType415()
    {
        var e = Assert.Throws<MeiliException>(() => DocumentContentType.Resolve("text/plain", null, out _));
        Assert.Same(ErrorCode.InvalidContentType, e.Code);
        Assert.Equal(
            "The Content-Type `text/plain` is invalid. Accepted values for the Content-Type header are: `application/json`, `application/x-ndjson`, `text/csv`",
            e.Message);
    }

    [Fact]
    public void Resolve_CsvDelimiter_Used()
    {
        DocumentContentType.Resolve("text/csv", ";", out var delimiter);
        Assert.Equal((byte)';', delimiter);
    }

    [Fact]
    public void Resolve_DelimiterOnJson_InvalidContentType()
    {
        var e = Assert.Throws<MeiliException>(() => DocumentContentType.Resolve("application/json", ";", out _));
        Assert.Same(ErrorCode.InvalidContentType, e.Code);
        Assert.Contains("does not support the use of a csv delimiter", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(";;", "expected a string of one character, but found the following string of 2 characters: `;;`")]
    [InlineData("", "expected a string of one character, but found the following string of 0 characters: ``")]
    [InlineData("é", "csv delimiter must be an ascii character. Found: `é`")]
    public void ParseDelimiter_Invalid_InvalidDocumentCsvDelimiter(string value, string detail)
    {
        var e = Assert.Throws<MeiliException>(() => DocumentContentType.ParseDelimiter(value));
        Assert.Same(ErrorCode.InvalidDocumentCsvDelimiter, e.Code);
        Assert.Equal("Invalid value in parameter `csvDelimiter`: " + detail, e.Message);
    }

    [Theory]
    [InlineData("{\"title\":\"a\",\"productId\":3}", "productId")]
    [InlineData("{\"ID\":3,\"nested\":{\"sub_id\":1}}", "ID")]
    public void Infer_SingleCandidate_ReturnsIt(string doc, string expected)
    {
        Assert.Equal(expected, PrimaryKeyInference.Infer(Encoding.UTF8.GetBytes(doc)));
    }

    [Fact]
    public void Infer_NoCandidate_NoCandidateFound()
    {
        var e = Assert.Throws<MeiliException>(() => PrimaryKeyInference.Infer("{\"title\":\"a\",\"idx\":1}"u8));
        Assert.Same(ErrorCode.IndexPrimaryKeyNoCandidateFound, e.Code);
        Assert.Equal(
            "The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter.",
            e.Message);
    }

    [Fact]
    public void Infer_SeveralCandidates_MultipleCandidatesFound()
    {
        var e = Assert.Throws<MeiliException>(() => PrimaryKeyInference.Infer("{\"id\":1,\"title\":\"a\",\"product_id\":2,\"uid\":3}"u8));
        Assert.Same(ErrorCode.IndexPrimaryKeyMultipleCandidatesFound, e.Code);
        Assert.Equal(
            "The primary key inference failed as the engine found 3 fields ending with `id` in their names: 'id' and 'product_id'. Please specify the primary key manually using the `primaryKey` query parameter.",
            e.Message);
    }
}
