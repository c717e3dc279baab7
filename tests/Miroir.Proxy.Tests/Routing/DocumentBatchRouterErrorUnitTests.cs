using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Routing.RoutingAssertions;

namespace Miroir.Proxy.Tests.Routing;

public sealed class DocumentBatchRouterErrorUnitTests
{
    private static readonly string ManyValid = string.Join(",", Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i}}}"));

    [Theory]
    [InlineData("[{\"id\":1},")]
    [InlineData("[{\"id\":1}")]
    [InlineData("{\"id\":1,}")]
    [InlineData("[{\"id\":1}] x")]
    [InlineData("[{\"id\":1}][]")]
    public void Route_MalformedJson_MalformedPayload(string body)
    {
        var error = Fails(body);

        Assert.Equal("malformed_payload", error.Code);
        Assert.Equal(400, error.Status);
        Assert.StartsWith("The `json` payload provided is malformed.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Route_EmptyBody_MissingPayload(string body) =>
        Assert.Equal("missing_payload", Fails(body).Code);

    [Theory]
    [InlineData("[1]")]
    [InlineData("[{\"id\":1},\"x\"]")]
    [InlineData("[[{\"id\":1}]]")]
    [InlineData("42")]
    public void Route_DocumentNotAnObject_MalformedPayload(string body) =>
        Assert.Equal("malformed_payload", Fails(body).Code);

    [Fact]
    public void Route_MissingPrimaryKeyInLastDocument_WholeBatchRefused()
    {
        var error = Fails("[" + ManyValid + ",{\"name\":\"x\"}]");

        Assert.Equal("missing_document_id", error.Code);
        Assert.Contains("`id`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"a b\"")]
    [InlineData("\"\"")]
    [InlineData("\"caf\u00e9\"")]
    [InlineData("\"caf\\u00e9\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"x\":1}")]
    [InlineData("[1]")]
    [InlineData("18446744073709551616")]
    public void Route_InvalidId_InvalidDocumentId(string id)
    {
        var error = Fails("[" + ManyValid + $",{{\"id\":{id}}}]");

        Assert.Equal("invalid_document_id", error.Code);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Route_IdOf511Bytes_AcceptedAnd512Refused()
    {
        using (var ok = Route($"[{{\"id\":\"{new string('a', 511)}\"}}]"))
        {
            Assert.Equal(1, ok.TotalDocuments);
        }

        Assert.Equal("invalid_document_id", Fails($"[{{\"id\":\"{new string('a', 512)}\"}}]").Code);
    }

    [Fact]
    public void Route_ShardFieldFromClient_ReservedFieldError()
    {
        var error = Fails("[" + ManyValid + ",{\"id\":\"z\",\"_miroir_shard\":3}]");

        Assert.Equal("miroir_reserved_field", error.Code);
        Assert.Equal(400, error.Status);
        Assert.Contains("_miroir_shard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OptionalReservedField_RefusedOnlyWhenEnabled()
    {
        const string body = "[{\"id\":\"z\",\"_miroir_updated_at\":3}]";

        Assert.Equal("miroir_reserved_field", Fails(body, reserved: [DocumentRoutingOptions.UpdatedAtField]).Code);
        using var batch = Route(body);
        Assert.Equal(1, batch.TotalDocuments);
    }

    [Fact]
    public void Route_ReservedNameNested_Allowed()
    {
        using var batch = Route("[{\"id\":\"z\",\"o\":{\"_miroir_shard\":3}}]");

        Assert.Equal(1, batch.TotalDocuments);
    }

    [Fact]
    public void Route_NdJsonBadLine_MalformedPayload() =>
        Assert.Equal("malformed_payload", Fails("{\"id\":1}\n{\"id\":2\n", DocumentFormat.NdJson).Code);

    [Fact]
    public void Route_IdWithInvalidUtf8_InvalidDocumentIdNotCrash()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("[{\"id\":\"ab_\"}]");
        body[9] = 0xC3; // a lead byte followed by a quote: not UTF-8
        var error = Assert.ThrowsAny<DocumentRoutingException>(() =>
            DocumentBatchRouter.Route(new System.Buffers.ReadOnlySequence<byte>(body), DocumentFormat.Json, TestRouteTables.Table(), new DocumentRoutingOptions("id")).Dispose());

        Assert.True(error.Code is "invalid_document_id" or "malformed_payload", error.Code);
    }
}
