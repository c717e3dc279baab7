using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>The fake node's search, facet-search, document and stats handlers.</summary>
internal sealed partial class FakeNode
{
    private List<(JsonElement Doc, double Score)> Match(JsonElement body)
    {
        var q = Prop(body, "q").ValueKind == JsonValueKind.String ? Prop(body, "q").GetString()!.ToLowerInvariant() : "";
        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var filter = FakeFilter.Compile(Prop(body, "filter"));
        var hits = new List<(JsonElement, double)>();
        foreach (var doc in _docs)
        {
            if (!filter(doc))
            {
                continue;
            }

            var text = Lower(doc, "name") + " " + Lower(doc, "summary");
            if (words.Length == 0)
            {
                hits.Add((doc, 1.0));
            }
            else if (Array.TrueForAll(words, text.Contains))
            {
                // Deterministic, tie-prone on purpose: earlier matches score higher, in steps of 1/1000.
                hits.Add((doc, Math.Round(1.0 - (Math.Min(text.IndexOf(words[0], StringComparison.Ordinal), 999) / 1000.0), 3)));
            }
        }

        hits.Sort((a, b) => a.Item2 != b.Item2 ? b.Item2.CompareTo(a.Item2) : IdOf(a.Item1).CompareTo(IdOf(b.Item1)));
        return hits;
    }

    private void Search(Utf8JsonWriter w, JsonElement body)
    {
        var paged = Prop(body, "page").ValueKind != JsonValueKind.Undefined || Prop(body, "hitsPerPage").ValueKind != JsonValueKind.Undefined;
        var limit = paged ? Int(body, "hitsPerPage", 20) : Int(body, "limit", 20);
        var offset = paged ? (Math.Max(1, Int(body, "page", 1)) - 1) * limit : Int(body, "offset", 0);
        var all = Match(body);

        // Like the engine (and Meilisearch): nothing past pagination.maxTotalHits (1000), totals capped too;
        // facets still count every match.
        var hits = all.Take(1000).ToList();
        var matched = hits.Count;
        var showScore = Prop(body, "showRankingScore").ValueKind == JsonValueKind.True;
        var fields = Strings(Prop(body, "attributesToRetrieve"));
        w.WriteStartObject();
        w.WriteStartArray("hits");
        foreach (var (doc, score) in hits.Skip(offset).Take(limit))
        {
            WriteDoc(w, doc, fields, showScore ? score : null);
        }

        w.WriteEndArray();
        w.WriteString("query", Prop(body, "q").ValueKind == JsonValueKind.String ? Prop(body, "q").GetString() : "");
        w.WriteNumber("processingTimeMs", 0);
        if (paged)
        {
            w.WriteNumber("hitsPerPage", limit);
            w.WriteNumber("page", Int(body, "page", 1));
            w.WriteNumber("totalPages", limit == 0 ? 0 : (matched + limit - 1) / limit);
            w.WriteNumber("totalHits", matched);
        }
        else
        {
            w.WriteNumber("limit", limit);
            w.WriteNumber("offset", offset);
            w.WriteNumber("estimatedTotalHits", matched);
        }

        if (Strings(Prop(body, "facets")) is { } facets)
        {
            w.WriteStartObject("facetDistribution");
            foreach (var facet in facets)
            {
                w.WriteStartObject(facet);
                var counts = all.Where(h => h.Doc.TryGetProperty(facet, out _))
                    .GroupBy(h => FakeFilter.Text(h.Doc.GetProperty(facet))).OrderBy(g => g.Key, StringComparer.Ordinal);
                foreach (var group in counts.Take(1000))
                {
                    w.WriteNumber(group.Key, group.Count());
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private void FacetSearch(Utf8JsonWriter w, JsonElement body)
    {
        var facet = Prop(body, "facetName").GetString()!;
        var prefix = Prop(body, "facetQuery").ValueKind == JsonValueKind.String ? Prop(body, "facetQuery").GetString()!.ToLowerInvariant() : "";
        var counts = Match(body).Where(h => h.Doc.TryGetProperty(facet, out _))
            .GroupBy(h => FakeFilter.Text(h.Doc.GetProperty(facet)))
            .Where(g => g.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteStartArray("facetHits");
        foreach (var group in counts)
        {
            w.WriteStartObject();
            w.WriteString("value", group.Key);
            w.WriteNumber("count", group.Count());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("facetQuery", prefix);
        w.WriteNumber("processingTimeMs", 0);
        w.WriteEndObject();
    }

    private void Fetch(Utf8JsonWriter w, JsonElement body)
    {
        var offset = Int(body, "offset", 0);
        var limit = Int(body, "limit", 20);
        var filter = FakeFilter.Compile(Prop(body, "filter"));
        var ids = Prop(body, "ids").ValueKind == JsonValueKind.Array
            ? Prop(body, "ids").EnumerateArray().Select(FakeFilter.Text).ToHashSet() : null;
        var matching = _docs.Where(d => filter(d) && (ids is null || ids.Contains(FakeFilter.Text(d.GetProperty("id"))))).ToList();
        var fields = Strings(Prop(body, "fields"));
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var doc in matching.Skip(offset).Take(limit))
        {
            WriteDoc(w, doc, fields, null);
        }

        w.WriteEndArray();
        w.WriteNumber("offset", offset);
        w.WriteNumber("limit", limit);
        w.WriteNumber("total", matching.Count);
        w.WriteEndObject();
    }

    private void GetOne(Utf8JsonWriter w, HttpContext ctx, JsonElement _)
    {
        var id = (string)ctx.Request.RouteValues["id"]!;
        if (!_byId.TryGetValue(id, out var doc))
        {
            throw new FakeNodeException(404, "document_not_found", $"Document `{id}` not found.");
        }

        var fields = ctx.Request.Query.TryGetValue("fields", out var f) ? f.ToString().Split(',') : null;
        WriteDoc(w, doc, fields, null);
    }

    private void Stats(Utf8JsonWriter w, JsonElement _)
    {
        w.WriteStartObject();
        w.WriteNumber("numberOfDocuments", _docs.Count);
        w.WriteBoolean("isIndexing", false);
        w.WriteNumber("numberOfEmbeddings", 0);
        w.WriteNumber("numberOfEmbeddedDocuments", 0);
        w.WriteStartObject("fieldDistribution");
        foreach (var group in _docs.SelectMany(d => d.EnumerateObject().Select(p => p.Name)).GroupBy(n => n).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(group.Key, group.Count());
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
