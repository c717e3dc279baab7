using System.Text;
using Miroir.Meili.Documents;
using Miroir.Meili.Errors;
using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Routing.RoutingAssertions;

namespace Miroir.Proxy.Tests.Routing;

/// <summary>The orchestrator routes a CSV file as exactly the documents (or the error) a node parses from it.</summary>
public sealed class CsvParityUnitTests
{
    public static TheoryData<string> TrickyFiles => new()
    {
        "id,title\r1,a\r2,b\r",
        "id,note\r\n1,\"x\r\ny\"\r\n2,\"a\rb\"\r\n3,\"c\nd\"",
        "\uFEFFid:number,price:number,ok:boolean\n1, 2.5 ,true\n2,,false\n",
        "id,a\n\n1,x\r\r\n2,y\r\n\r\n3,z",
        "id,a\n1,\"q\"tail\n2,\"\"\"quoted\"\"\"\n",
        "id,name\n1,caf\u00e9\n",
        "\uFEFFid,title\r",
    };

    public static TheoryData<string> RefusedFiles => new()
    {
        "id,a\r1,2,3\r",
        "id:number\nabc\n",
        "id,flag:boolean\n1,yes\n",
        "id,a\n1\n",
    };

    [Theory]
    [MemberData(nameof(TrickyFiles))]
    public void Route_CsvTrickyFile_SameDocumentsAsNode(string csv)
    {
        var node = DocumentPayloadParser.Parse(Encoding.UTF8.GetBytes(csv), DocumentPayloadFormat.Csv);
        var expected = node.Documents.Select(d => Encoding.UTF8.GetString(d.Span)).ToList();

        using var batch = Route(csv, DocumentFormat.Csv);

        AssertRoutedExactly(expected, batch);
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void Route_CsvRefusedByNode_SameError(string csv)
    {
        var node = Assert.Throws<MeiliException>(() => DocumentPayloadParser.Parse(Encoding.UTF8.GetBytes(csv), DocumentPayloadFormat.Csv));

        var routed = Fails(csv, DocumentFormat.Csv);

        Assert.Equal((node.Code.Name, node.Message), (routed.Code, routed.Message));
    }
}
