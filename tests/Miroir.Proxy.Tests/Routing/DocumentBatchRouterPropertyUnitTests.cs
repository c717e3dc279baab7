using System.Text;
using System.Text.Json;
using CsCheck;
using static Miroir.Proxy.Tests.Routing.RoutingAssertions;

namespace Miroir.Proxy.Tests.Routing;

public sealed class DocumentBatchRouterPropertyUnitTests
{
    private static readonly Gen<string> Id = Gen.OneOf(
        Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String[Gen.Char["abcXYZ019-_"], 1, 20].Select(s => JsonSerializer.Serialize(s)));

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.Const("null"),
        Gen.Const("{\"a\":[1,{\"b\":\"}\"}],\"c\":{}}"),
        Gen.Const("[]"));

    private static readonly Gen<string> Document = Gen.Select(Id, Gen.Select(Gen.String[Gen.Char["abcdef"], 1, 6], Value).Array[0, 5], Gen.Int[0, 3])
        .Select((id, fields, spaces) =>
        {
            var pad = new string(' ', spaces);
            var parts = fields.DistinctBy(f => f.Item1).Where(f => f.Item1 != "id").Select(f => $"\"{f.Item1}\":{pad}{f.Item2}").ToList();
            parts.Insert(parts.Count / 2, "\"id\":" + id);
            return "{" + pad + string.Join("," + pad, parts) + pad + "}";
        });

    [Fact]
    public void Route_RandomDocuments_UnionOfOutputsEqualsInputOnOwners()
    {
        Document.Array[0, 40].Sample(docs =>
        {
            using var batch = Route("[" + string.Join(",", docs) + "]");
            AssertRoutedExactly(docs, batch);
        }, iter: 200);
    }

    [Fact]
    public void Route_RandomDocumentsAsNdJson_SameAsArray()
    {
        Document.Array[1, 20].Sample(docs =>
        {
            using var ndjson = Route(string.Join("\n", docs) + "\n", Miroir.Proxy.Routing.DocumentFormat.NdJson);
            using var array = Route("[" + string.Join(",", docs) + "]");
            for (var node = 0; node < 3; node++)
            {
                Assert.Equal(Encoding.UTF8.GetString(array.BodyFor(node).Span), Encoding.UTF8.GetString(ndjson.BodyFor(node).Span));
            }
        }, iter: 100);
    }
}
