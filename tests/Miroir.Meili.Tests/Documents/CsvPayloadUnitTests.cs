using System.Text;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Tests.Documents;

public sealed class CsvPayloadUnitTests
{
    private static string[] Parse(string body, char delimiter = ',') =>
        DocumentPayloadParser.Parse(Encoding.UTF8.GetBytes(body), DocumentPayloadFormat.Csv, (byte)delimiter)
            .Documents.Select(d => Encoding.UTF8.GetString(d.Span)).ToArray();

    [Fact]
    public void Csv_TypedHeaders_ConvertCells()
    {
        var docs = Parse("id:number,title,price:number,sale:boolean,note:string\n1,Hello,12.5,true,x\n2,,  3 ,false,\n");
        Assert.Equal(
            [
                "{\"id\":1,\"title\":\"Hello\",\"price\":12.5,\"sale\":true,\"note\":\"x\"}",
                "{\"id\":2,\"title\":null,\"price\":3,\"sale\":false,\"note\":null}",
            ],
            docs);
    }

    [Fact]
    public void Csv_EmptyNumericAndBooleanCells_Null()
    {
        Assert.Equal(["{\"n\":null,\"b\":null}"], Parse("n:number,b:boolean\n , \n"));
    }

    [Fact]
    public void Csv_QuotedFields_UnescapeQuotesDelimitersAndNewlines()
    {
        var docs = Parse("id,text\r\n1,\"say \"\"hi\"\", then, go\"\r\n2,\"two\nlines\"\r\n");
        Assert.Equal(["{\"id\":\"1\",\"text\":\"say \\\"hi\\\", then, go\"}", "{\"id\":\"2\",\"text\":\"two\\nlines\"}"], docs);
    }

    [Fact]
    public void Csv_CustomDelimiter_Splits()
    {
        Assert.Equal(["{\"a\":\"1,5\",\"b\":\"x\"}"], Parse("a;b\n1,5;x\n", ';'));
    }

    [Fact]
    public void Csv_UnknownHeaderType_KeepsWholeName()
    {
        Assert.Equal(["{\"a:date\":\"2020\",\"b:c\":1}"], Parse("a:date,b:c:number\n2020,1"));
    }

    [Fact]
    public void Csv_BlankLinesAndNoTrailingNewline_Skipped()
    {
        Assert.Equal(2, Parse("id\n\n1\n\n\n2").Length);
    }

    [Fact]
    public void Csv_HeaderOnly_NoDocuments()
    {
        Assert.Empty(Parse("id,name\n"));
    }

    [Fact]
    public void Csv_NonAsciiText_StaysUtf8()
    {
        Assert.Equal(["{\"nom\":\"Zoë\"}"], Parse("nom\nZoë\n"));
    }

    [Fact]
    public void Csv_BadNumber_MalformedPayloadWithLine()
    {
        var e = Assert.Throws<MeiliException>(() => Parse("id:number\n1\nabc\n"));
        Assert.Same(ErrorCode.MalformedPayload, e.Code);
        Assert.Equal("The `csv` payload provided is malformed: `Error parsing number \"abc\" at line 2: invalid float literal`.", e.Message);
    }

    [Fact]
    public void Csv_BadBoolean_MalformedPayload()
    {
        var e = Assert.Throws<MeiliException>(() => Parse("ok:boolean\nyes\n"));
        Assert.Equal(
            "The `csv` payload provided is malformed: `Error parsing boolean \"yes\" at line 1: provided string was not `true` or `false``.",
            e.Message);
    }

    [Fact]
    public void Csv_WrongFieldCount_MalformedPayload()
    {
        var e = Assert.Throws<MeiliException>(() => Parse("a,b\n1,2\n1,2,3\n"));
        Assert.Equal(
            "The `csv` payload provided is malformed: `CSV error: record 2 (line: 3, byte: 8): found record with 3 fields, but the previous record has 2 fields`.",
            e.Message);
    }
}
