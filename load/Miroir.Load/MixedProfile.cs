using System.Text;

namespace Miroir.Load;

/// <summary>
/// Mixed 90/10: nine searches for every write; a write re-sends a small batch of corpus documents (same ids,
/// so the index keeps its size) and is timed to the 202 acknowledgement.
/// </summary>
internal static class MixedProfile
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var index = options.Get("index", "debian");
        var documents = Corpus.ReadLines(options.Get("file", Corpus.DefaultPath));
        var queries = QuerySet.Build(documents, options.GetInt("queries", 2000), options.Get("filter-field"), options.Get("facet-field"));
        var batch = options.GetInt("write-batch", 10);
        var primaryKey = options.Get("primary-key", "id");
        using var client = MeiliClient.FromOptions(options);
        return await ProfileRun.RunAsync(options, async n =>
        {
            if (n % 10 != 9)
            {
                return new Outcome(Operation.Search, await client.SearchAsync(index, queries[(int)(n % queries.Count)]) == 200);
            }

            var body = new StringBuilder();
            var start = (int)(n / 10 * batch % documents.Count);
            for (var i = 0; i < batch; i++)
            {
                body.Append(documents[(start + i) % documents.Count]).Append('\n');
            }

            return new Outcome(Operation.Write, await client.TryAddNdjsonAsync(index, body.ToString(), primaryKey) == 202);
        });
    }
}
