using System.Diagnostics;
using System.Text;

namespace Miroir.Load;

/// <summary>Loads a whole dataset in NDJSON batches and reports documents per second.</summary>
internal static class IngestProfile
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var index = options.Get("index", "debian");
        var documents = Corpus.ReadLines(options.Get("file", Corpus.DefaultPath));
        var batch = options.GetInt("batch", 10_000);
        var pid = options.Get("pid") is { } p ? int.Parse(p) : (int?)null;
        using var client = new MeiliClient(options.Get("url", "http://127.0.0.1:7700"), options.Get("key"), 4);

        if (options.Get("settings") is { } settings)
        {
            await client.PatchSettingsAsync(index, settings);
        }
        var cpuBefore = ProcessCpu.ReadMicros(pid);
        var clock = Stopwatch.StartNew();
        var tasks = new List<long>();
        for (var i = 0; i < documents.Count; i += batch)
        {
            var body = new StringBuilder();
            foreach (var line in documents.Skip(i).Take(batch))
            {
                body.Append(line).Append('\n');
            }
            tasks.Add(await client.AddNdjsonAsync(index, body.ToString(), options.Get("primary-key", "id")));
        }
        var acknowledged = clock.Elapsed;
        foreach (var uid in tasks)
        {
            var status = await client.WaitTaskAsync(uid);
            if (status != "succeeded")
            {
                Console.Error.WriteLine($"task {uid} {status}");
                return 1;
            }
        }
        var total = clock.Elapsed;
        var cpu = ProcessCpu.ReadMicros(pid) - cpuBefore;
        Console.WriteLine($"documents        {documents.Count}");
        Console.WriteLine($"acknowledged in  {acknowledged.TotalSeconds:F2} s");
        Console.WriteLine($"indexed in       {total.TotalSeconds:F2} s  ({documents.Count / total.TotalSeconds:F0} docs/s)");
        if (cpu is not null)
        {
            Console.WriteLine($"target CPU       {cpu / 1e6:F2} s  ({cpu / documents.Count:F1} µs/doc)");
            Console.WriteLine($"target RSS       {ProcessCpu.ReadRssKb(pid) / 1024} MB");
        }
        return 0;
    }
}
