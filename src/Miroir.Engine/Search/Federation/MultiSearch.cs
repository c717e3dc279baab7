using System.Buffers;
using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Engine.Search.Federation;

/// <summary>
/// <c>POST /multi-search</c>. Without <c>federation</c> every query answers with its own search
/// response (plus <c>indexUid</c>) in input order; with it, <see cref="FederatedSearch"/> merges
/// all hits into one list. Every query runs before anything is written, so an error (always the
/// first one, prefixed with the query's position) leaves the writer untouched.
/// </summary>
public static class MultiSearch
{
    private static readonly JsonEncodedText ResultsName = JsonEncodedText.Encode("results");
    private static readonly JsonEncodedText IndexUidName = JsonEncodedText.Encode("indexUid");

    public static void Execute(MultiSearchRequest request, Func<string, IMultiSearchIndex?> resolveIndex, Utf8JsonWriter writer)
    {
        if (request.Federation is { } federation)
        {
            FederatedSearch.Execute(request.Queries, federation, resolveIndex, writer);
            return;
        }
        var responses = new List<(string IndexUid, ArrayBufferWriter<byte> Json)>(request.Queries.Count);
        for (var i = 0; i < request.Queries.Count; i++)
        {
            var query = request.Queries[i];
            var index = resolveIndex(query.IndexUid) ?? throw MultiSearchError.IndexNotFound(i, query.IndexUid);
            var buffer = new ArrayBufferWriter<byte>();
            try
            {
                using var queryWriter = new Utf8JsonWriter(buffer);
                index.WriteSearchResponse(query.Search, queryWriter);
            }
            catch (MeiliException e)
            {
                throw MultiSearchError.InQuery(i, e);
            }
            responses.Add((query.IndexUid, buffer));
        }
        writer.WriteStartObject();
        writer.WriteStartArray(ResultsName);
        foreach (var (indexUid, json) in responses)
        {
            // Meilisearch puts `indexUid` first, then the fields of the search response.
            writer.WriteStartObject();
            writer.WriteString(IndexUidName, indexUid);
            using var document = JsonDocument.Parse(json.WrittenMemory);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
