using System.Globalization;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Tests.Merging;

/// <summary>Builds node search responses and runs the merger, returning the parsed merged response.</summary>
internal static class MergeTestData
{
    /// <summary>A node response with the given raw hits and total.</summary>
    public static string Response(IEnumerable<string> hits, long total, string? extra = null, bool paged = false) =>
        "{\"hits\":[" + string.Join(",", hits) + "],\"query\":\"q\",\"processingTimeMs\":3,"
        + (paged ? $"\"hitsPerPage\":20,\"page\":1,\"totalPages\":1,\"totalHits\":{total}" : $"\"limit\":20,\"offset\":0,\"estimatedTotalHits\":{total}")
        + (extra is null ? "" : "," + extra) + "}";

    public static string ScoredHit(string id, double score, int shard = 0) =>
        $"{{\"id\":\"{id}\",\"_miroir_shard\":{shard},\"_rankingScore\":{score.ToString("R", CultureInfo.InvariantCulture)}}}";

    public static JsonElement Merge(IEnumerable<string> responses, SearchMergeRequest request)
    {
        var bodies = responses.Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r)).ToArray();
        using var output = new PooledBufferWriter();
        SearchResultMerger.Merge(bodies, request, output);
        using var doc = JsonDocument.Parse(output.WrittenMemory);
        return doc.RootElement.Clone();
    }

    public static string RawMerge(IEnumerable<string> responses, SearchMergeRequest request)
    {
        var bodies = responses.Select(r => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(r)).ToArray();
        using var output = new PooledBufferWriter();
        SearchResultMerger.Merge(bodies, request, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static List<string> Ids(JsonElement merged) =>
        merged.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
}
