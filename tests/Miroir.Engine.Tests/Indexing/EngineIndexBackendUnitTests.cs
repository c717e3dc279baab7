using System.Buffers;
using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Indexing;

public sealed class EngineIndexBackendUnitTests
{
    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    [Fact]
    public void Backend_SearchAndFacetSearch_WriteMeilisearchResponses()
    {
        using var backend = new EngineIndexBackend();
        backend.UpdateSettings(IndexSettings.Default with { FilterableAttributes = ["genre"] });
        backend.AddDocuments(TestIndex.Docs("""{"sku":"a","t":"blue shirt","genre":"Tops"}""", """{"sku":"b","t":"blue jeans","genre":"Bottoms"}"""), "sku", false);
        var search = Write(w => backend.Search(new SearchRequest { Q = "blue", Facets = ["genre"] }, w));
        Assert.Equal(2, search.GetProperty("estimatedTotalHits").GetInt32());
        Assert.Equal(1, search.GetProperty("facetDistribution").GetProperty("genre").GetProperty("Tops").GetInt32());
        var facets = Write(w => backend.FacetSearch(new FacetSearchRequest { FacetName = "genre", FacetQuery = "to", Search = new SearchRequest { Q = "shirt" } }, w));
        Assert.Equal("Tops", facets.GetProperty("facetHits")[0].GetProperty("value").GetString());
        Assert.Equal(1, facets.GetProperty("facetHits").GetArrayLength());
        Assert.Equal(2, backend.EnumerateDocuments().Count());
    }

    [Fact]
    public void Backend_ValidateFilter_UsesTheRequestedCode()
    {
        using var backend = new EngineIndexBackend();
        using var filter = JsonDocument.Parse("\"genre = x\"");
        var ex = Assert.Throws<MeiliException>(() => backend.ValidateFilter(filter.RootElement, forDocuments: true));
        Assert.Equal(ErrorCode.InvalidDocumentFilter, ex.Code);
    }
}
