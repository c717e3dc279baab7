namespace Miroir.Load;

/// <summary>Pass-through: fetch one document by id per operation (the cheapest request a proxy can forward).</summary>
internal static class GetProfile
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var index = options.Get("index", "debian");
        var ids = Corpus.Ids(Corpus.ReadLines(options.Get("file", Corpus.DefaultPath)), options.Get("primary-key", "id"));
        using var client = MeiliClient.FromOptions(options);
        return await ProfileRun.RunAsync(options, async n =>
            new Outcome(Operation.Get, await client.GetDocumentAsync(index, ids[(int)(n * 7919 % ids.Count)]) == 200));
    }
}
