using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests;

/// <summary>Helpers to build small indexes and read search responses in tests.</summary>
internal static class TestIndex
{
    public static EngineIndex Create(IndexSettings? settings = null, params string[] documents)
    {
        var index = new EngineIndex("test", "id", settings ?? IndexSettings.Default);
        if (documents.Length > 0)
        {
            index.AddDocuments(Docs(documents), updateExisting: false);
        }
        return index;
    }

    public static IReadOnlyList<ReadOnlyMemory<byte>> Docs(params string[] documents) =>
        [.. documents.Select(d => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(d))];

    public static List<string> Ids(SearchResult result) => [.. result.Hits.Select(h => h.ExternalId)];

    public static List<string> Search(EngineIndex index, string q, MatchingStrategy strategy = MatchingStrategy.Last) =>
        Ids(index.Search(new SearchRequest { Q = q, MatchingStrategy = strategy, Limit = 100 }));

    public static JsonElement Response(SearchResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SearchResponseWriter.Write(writer, result);
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
