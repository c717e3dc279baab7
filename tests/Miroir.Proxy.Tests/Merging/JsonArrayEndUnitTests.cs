using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Tests.Merging;

public sealed class JsonArrayEndUnitTests
{
    // Characters that fool a naive bracket counter, plus enough plain text to move them across 64-byte blocks.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["[]{}\"\\/,:é\u2028ab\u0001"], 0, 90];

    private static readonly Gen<string> Element = Gen.OneOf(
        Text.Select(t => Json(w => w.WriteStringValue(t))),
        Gen.Select(Text, Text).Select((k, v) => Json(w => { w.WriteStartObject(); w.WriteString(k, v); w.WriteStartArray("a"); w.WriteStringValue(v); w.WriteEndArray(); w.WriteEndObject(); })),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Text.Select(t => "{\"s\":" + Json(w => w.WriteStringValue(t)) + ",\"n\":[[],{},[{\"x\":\"]\"}]]}"));

    [Fact]
    public void Find_AnyWellFormedArray_StopsAtItsOwnClosingBracket()
    {
        Gen.Select(Element.Array[0, 12], Gen.Bool).Sample((elements, escaped) =>
        {
            var array = "[" + string.Join(escaped ? " ,\n" : ",", elements) + "]";
            var json = Encoding.UTF8.GetBytes("{\"hits\":" + array + ",\"after\":\"]]\"}");
            var start = "{\"hits\":[".Length;

            Assert.Equal(start + Encoding.UTF8.GetByteCount(array) - 2, JsonArrayEnd.Find(json, start));
        }, iter: 2000);
    }

    [Fact]
    public void Find_InputEndsInsideTheArray_ThrowsJsonException()
    {
        Element.Array[1, 8].Sample(elements =>
        {
            var json = Encoding.UTF8.GetBytes("[" + string.Join(",", elements) + "]");
            for (var cut = 1; cut < json.Length; cut++)
            {
                var end = cut;
                Assert.Throws<JsonException>(() => { JsonArrayEnd.Find(json.AsSpan(0, end), 1); });
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData("\"\\\\\"]")]
    [InlineData("\"\\\"]\"]")]
    [InlineData("\"\\u005d\"]")]
    [InlineData("[\"]\",\"[\"]]")]
    public void Find_EscapesAndQuotedBrackets_AreNotStructure(string content)
    {
        // Padding puts the tricky part in the vector path, then across a block boundary, then in the byte loop.
        for (var pad = 0; pad < 140; pad++)
        {
            var json = Encoding.UTF8.GetBytes("[\"" + new string('x', pad) + "\"," + content);
            Assert.Equal(json.Length - 1, JsonArrayEnd.Find(json, 1));
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
