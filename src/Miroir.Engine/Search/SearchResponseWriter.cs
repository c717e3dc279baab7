using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>Writes Meilisearch's search response object for a <see cref="SearchResult"/>.</summary>
public static class SearchResponseWriter
{
    public static void Write(Utf8JsonWriter writer, SearchResult result)
    {
        var request = result.Request;
        writer.WriteStartObject();
        writer.WriteStartArray("hits");
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator.
        var hits = result.Hits;
        for (var i = 0; i < hits.Count; i++)
        {
            HitWriter.WriteHit(writer, result, hits[i]);
        }
        writer.WriteEndArray();
        writer.WriteString("query", request.Q ?? string.Empty);
        if (result.QueryVector is { } queryVector)
        {
            writer.WriteStartArray("queryVector");
            foreach (var value in queryVector)
            {
                writer.WriteNumberValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteNumber("processingTimeMs", result.ProcessingTimeMs);
        if (request.IsPaged)
        {
            // The asked page size, even where fewer hits are returned (page 0, the maxTotalHits cap).
            var hitsPerPage = request.PageSize;
            writer.WriteNumber("hitsPerPage", hitsPerPage);
            writer.WriteNumber("page", request.Page ?? 1);
            writer.WriteNumber("totalPages", hitsPerPage == 0 ? 0 : (result.TotalHits + hitsPerPage - 1) / hitsPerPage);
            writer.WriteNumber("totalHits", result.TotalHits);
        }
        else
        {
            writer.WriteNumber("limit", result.Limit);
            writer.WriteNumber("offset", result.Offset);
            writer.WriteNumber("estimatedTotalHits", result.TotalHits);
        }
        WriteFacets(writer, result);
        if (result.SemanticHitCount is { } semanticHitCount)
        {
            writer.WriteNumber("semanticHitCount", semanticHitCount);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>facetDistribution</c> and <c>facetStats</c> when the request asked for facets.</summary>
    public static void WriteFacets(Utf8JsonWriter writer, SearchResult result)
    {
        if (result.Request.Facets is null)
        {
            return;
        }
        if (result.FacetJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                prop.WriteTo(writer);
            }
            return;
        }
        writer.WriteStartObject("facetDistribution");
        writer.WriteEndObject();
        writer.WriteStartObject("facetStats");
        writer.WriteEndObject();
    }
}
