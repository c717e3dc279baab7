namespace Miroir.Load;

/// <summary>Search-heavy: the mixed query set (typos, prefixes, filters, facets), one search per operation.</summary>
internal static class SearchProfile
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var index = options.Get("index", "debian");
        var documents = Corpus.ReadLines(options.Get("file", Corpus.DefaultPath));
        var queries = QuerySet.Build(documents, options.GetInt("queries", 2000), options.Get("filter-field"), options.Get("facet-field"));
        using var client = MeiliClient.FromOptions(options);
        return await ProfileRun.RunAsync(options, async n =>
            new Outcome(Operation.Search, await client.SearchAsync(index, queries[(int)(n % queries.Count)]) == 200));
    }
}
