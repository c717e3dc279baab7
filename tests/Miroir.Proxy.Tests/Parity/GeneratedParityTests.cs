using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>
/// Generated corpora and queries (CsCheck) against one engine node and a sharded cluster: every answer equal field
/// by field except <c>processingTimeMs</c>. A failure prints the CsCheck seed; pass it as <c>seed:</c> to replay.
/// </summary>
public sealed class GeneratedParityTests(ITestOutputHelper output)
{
    // Bounded so the whole class stays within a few seconds per topology on a loaded 2-core machine.
    private const int Corpora = 3;

    // CI replays one seed so a run never fails on a sample nobody looked at; set CsCheck_Seed to explore others.
    // Known open difference: seed 5v320SxdtFD5 (a sort on text values that differ only by case, see api-compatibility.md).
    private const string PinnedSeed = "aB12cD34eF56";

    private static readonly Gen<(string Documents, string[] Searches, string[] FacetSearches, string[] Members)> Sample =
        Gen.Select(ParityCorpus.Documents, ParityCorpus.Search.Array[8], ParityCorpus.FacetSearch.Array[3], ParityCorpus.Member.Array[2]);

    private int _indexes;

    [Theory]
    [InlineData(3, 1, 4)]
    [InlineData(3, 2, 12)]
    [InlineData(4, 2, 7)]
    public async Task Reads_GeneratedCorpusAndQueries_SameAsOneNode(int nodes, int replicationFactor, int shards)
    {
        await using var pair = await ParityPair.StartAsync(nodes, replicationFactor, shards);
        await Sample.SampleAsync(
            async sample => await CompareAsync(pair, "g" + Interlocked.Increment(ref _indexes), sample),
            writeLine: output.WriteLine,
            seed: Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } seed ? seed : PinnedSeed,
            iter: Corpora, threads: 1,
            print: s => $"documents={s.Documents}\nsearches={string.Join("\n", s.Searches)}\nfacetSearches={string.Join("\n", s.FacetSearches)}");
    }

    private static async Task CompareAsync(ParityPair pair, string uid, (string Documents, string[] Searches, string[] FacetSearches, string[] Members) sample)
    {
        await pair.LoadAsync(uid, ParityCorpus.Settings, sample.Documents);
        foreach (var search in sample.Searches)
        {
            await pair.AssertSameAsync(HttpMethod.Post, $"/indexes/{uid}/search", search);
        }

        foreach (var facetSearch in sample.FacetSearches)
        {
            await pair.AssertSameAsync(HttpMethod.Post, $"/indexes/{uid}/facet-search", facetSearch);
        }

        var queries = string.Join(',', sample.Searches.Take(3).Select(s => $"{{\"indexUid\":\"{uid}\"," + s[1..]));
        await pair.AssertSameAsync(HttpMethod.Post, "/multi-search", $"{{\"queries\":[{queries}]}}");
        var members = string.Join(',', sample.Members.Select(s => $"{{\"indexUid\":\"{uid}\"," + s[1..]));
        await pair.AssertSameAsync(HttpMethod.Post, "/multi-search", $"{{\"federation\":{{\"limit\":15}},\"queries\":[{members}]}}",
            ParityIgnores.FederatedTotals);
        await pair.AssertSameAsync(HttpMethod.Post, "/multi-search",
            $"{{\"federation\":{{\"offset\":3,\"limit\":10,\"facetsByIndex\":{{\"{uid}\":[\"genre\",\"year\"]}}}},\"queries\":[{members}]}}",
            ParityIgnores.FederatedTotals);

        await pair.AssertSameAsync(HttpMethod.Get, $"/indexes/{uid}/stats", ignored: ParityIgnores.Stats);
        await pair.AssertSameAsync(HttpMethod.Get, $"/indexes/{uid}", ignored: ParityIgnores.IndexDates);
        await pair.AssertSameAsync(HttpMethod.Get, $"/indexes/{uid}/documents/d0003");
        await pair.AssertSameAsync(HttpMethod.Get, $"/indexes/{uid}/documents/d0001?fields=title,year");
        await pair.AssertSameAsync(HttpMethod.Get, $"/indexes/{uid}/documents/nope");
        await AssertSameDocumentSetAsync(pair, HttpMethod.Post, $"/indexes/{uid}/documents/fetch", """{"ids":["d0005","d0002","x"],"fields":["id","genre"]}""");
        await AssertSameDocumentSetAsync(pair, HttpMethod.Get, $"/indexes/{uid}/documents?limit=1000");
        await AssertSameDocumentSetAsync(pair, HttpMethod.Get, $"/indexes/{uid}/documents?limit=1000&filter=year%20%3E%201990&fields=id,year");
    }

    /// <summary>The documented listing order differs from one node's (see docs/api-compatibility.md): same documents, same total.</summary>
    private static async Task AssertSameDocumentSetAsync(ParityPair pair, HttpMethod method, string path, string? body = null)
    {
        var (_, expected) = await ParityPair.SendAsync(pair.Single, method, path, body);
        var (status, actual, _) = await pair.Cluster.SendJsonAsync(method, path, body);
        Assert.Equal(200, status);
        Assert.Equal(expected.GetProperty("total").GetInt64(), actual.GetProperty("total").GetInt64());
        Assert.Equal(ById(expected), ById(actual));
    }

    private static List<string> ById(JsonElement list) =>
        [.. list.GetProperty("results").EnumerateArray().Select(d => d.GetRawText()).Order(StringComparer.Ordinal)];
}
