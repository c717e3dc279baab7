using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Filtering;

public sealed class FilterFieldIndexUnitTests
{
    [Fact]
    public void FieldIndex_ResetAddFilterFacet_WorksThroughInterface()
    {
        var settings = IndexSettings.Default with { FilterableAttributes = ["genre", "year"] };
        var current = settings;
        IFieldIndex index = new FilterFieldIndex(() => current);
        index.Reset(settings);
        var all = new DocSet();
        string[] docs = ["""{"genre": "Drama", "year": 2001}""", """{"genre": "drama", "year": 1999}""", """{"genre": "Comedy", "year": 2010}"""];
        for (var i = 0; i < docs.Length; i++)
        {
            using var doc = JsonDocument.Parse(docs[i]);
            index.Add(i, doc.RootElement);
            all.Add(i);
        }
        using var filter = JsonDocument.Parse("\"year > 2000\"");
        Assert.Equal([0, 2], FilterCorpus.ToArray(index.Filter(filter.RootElement, all)));
        using var none = JsonDocument.Parse("null");
        Assert.Equal([0, 1, 2], FilterCorpus.ToArray(index.Filter(none.RootElement, all)));

        current = settings with { Faceting = new FacetingSettings { MaxValuesPerFacet = 1 } };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            index.WriteFacets(writer, ["genre"], all);
            writer.WriteEndObject();
        }
        Assert.Equal("""{"facetDistribution":{"genre":{"Comedy":1}},"facetStats":{}}""", Encoding.UTF8.GetString(buffer.WrittenSpan));

        index.Remove(2);
        all.Remove(2);
        Assert.Equal([0], FilterCorpus.ToArray(index.Filter(filter.RootElement, all)));
        index.Clear();
        Assert.Empty(FilterCorpus.ToArray(index.Filter(filter.RootElement, all)));
    }

    [Fact]
    public void Filter_WithDocumentCode_ReportsIt()
    {
        var index = new FilterFieldIndex();
        using var filter = JsonDocument.Parse("\"doggo = bernese\"");
        var error = Assert.Throws<MeiliException>(() => index.Filter(filter.RootElement, new DocSet(), ErrorCode.InvalidDocumentFilter));
        Assert.Same(ErrorCode.InvalidDocumentFilter, error.Code);
        Assert.Equal("Attribute `doggo` is not filterable. This index does not have configured filterable attributes.\n1:6 doggo = bernese", error.Message);
    }
}
