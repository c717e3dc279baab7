using System.Text.Json;
using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Routing.RoutingAssertions;

namespace Miroir.Proxy.Tests.Routing;

public sealed class CsvRoutingUnitTests
{
    [Fact]
    public void Route_CsvTypedHeaders_ConvertsColumnsByType()
    {
        const string csv = "id:number,title:string,price:number,active:boolean,note\r\n"
            + "1,\"Hello, \"\"world\"\"\",12.5,true,plain\r\n"
            + "2,caf\u00e9,,false,\r\n"
            + "\r\n"
            + "3,x, 7 ,,\"multi\nline\"\n";
        using var batch = Route(csv, DocumentFormat.Csv);
        var docs = Outputs(batch).Select(o => o.Doc).DistinctBy(d => d.GetProperty("id").GetInt64()).OrderBy(d => d.GetProperty("id").GetInt64()).ToList();

        Assert.Equal(3, batch.TotalDocuments);
        Assert.Equal(3, docs.Count);
        Assert.Equal("Hello, \"world\"", docs[0].GetProperty("title").GetString());
        Assert.Equal(12.5, docs[0].GetProperty("price").GetDouble());
        Assert.True(docs[0].GetProperty("active").GetBoolean());
        Assert.Equal("plain", docs[0].GetProperty("note").GetString());
        Assert.Equal("caf\u00e9", docs[1].GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, docs[1].GetProperty("price").ValueKind);
        Assert.False(docs[1].GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, docs[1].GetProperty("note").ValueKind);
        Assert.Equal(7, docs[2].GetProperty("price").GetInt64());
        Assert.Equal("multi\nline", docs[2].GetProperty("note").GetString());
        Assert.All(docs, d => Assert.Equal(TestRouteTables.ShardOf(d.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), 12), d.GetProperty("_miroir_shard").GetInt32()));
    }

    [Fact]
    public void Route_CsvStringIdColumn_SameShardAsNumber()
    {
        using var batch = Route("id,name\n42,x\n", DocumentFormat.Csv);
        var doc = Outputs(batch).First().Doc;

        Assert.Equal("42", doc.GetProperty("id").GetString());
        Assert.Equal(TestRouteTables.ShardOf("42", 12), doc.GetProperty("_miroir_shard").GetInt32());
    }

    [Theory]
    [InlineData("id:number\nabc\n", "malformed_payload")]
    [InlineData("id,flag:boolean\n1,yes\n", "malformed_payload")]
    [InlineData("id,a\n1,2,3\n", "malformed_payload")]
    [InlineData("id,a\n1\n", "malformed_payload")]
    [InlineData("id,a\n\"1,2\n", "malformed_payload")]
    [InlineData("name\nx\n", "missing_document_id")]
    [InlineData("id,_miroir_shard\n1,2\n", "miroir_reserved_field")]
    [InlineData("", "missing_payload")]
    public void Route_BadCsv_Refused(string csv, string code) =>
        Assert.Equal(code, Fails(csv, DocumentFormat.Csv).Code);
}
