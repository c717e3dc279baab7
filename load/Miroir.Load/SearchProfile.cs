using System.Diagnostics;
using HdrHistogram;

namespace Miroir.Load;

/// <summary>
/// Search load, closed model (N clients back to back) or open model (constant arrival rate,
/// latency measured from the intended send time so queueing is never hidden).
/// </summary>
internal static class SearchProfile
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var index = options.Get("index", "debian");
        var documents = Corpus.ReadLines(options.Get("file", "../shared/datasets/debian-packages.ndjson.gz"));
        var queries = QuerySet.Build(documents, options.GetInt("queries", 2000), options.Get("filter-field"), options.Get("facet-field"));
        var duration = TimeSpan.FromSeconds(options.GetInt("duration", 20));
        var concurrency = options.GetInt("concurrency", 1);
        var rate = options.GetInt("rate", 0);
        var pid = options.Get("pid") is { } p ? int.Parse(p) : (int?)null;
        using var client = new MeiliClient(options.Get("url", "http://127.0.0.1:7700"), options.Get("key"), Math.Max(concurrency, 64));

        // Warm-up pass: JIT, connection pool, caches.
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.Elapsed < TimeSpan.FromSeconds(options.GetInt("warmup", 3)); i++)
        {
            await client.SearchAsync(index, queries[i % queries.Count]);
        }

        var histogram = new LongConcurrentHistogram(1, 60_000_000, 3);
        var errors = 0L;
        var ops = 0L;
        var cpuBefore = ProcessCpu.ReadMicros(pid);
        var clock = Stopwatch.StartNew();
        if (rate > 0)
        {
            var inflight = new List<Task>();
            var interval = TimeSpan.FromSeconds(1.0 / rate);
            for (long n = 0; ; n++)
            {
                var intended = interval * n;
                if (intended >= duration)
                {
                    break;
                }
                var wait = intended - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                var query = queries[(int)(n % queries.Count)];
                inflight.Add(Task.Run(async () =>
                {
                    var status = await client.SearchAsync(index, query);
                    histogram.RecordValue(Math.Max(1, (long)((clock.Elapsed - intended).TotalMicroseconds)));
                    Interlocked.Increment(ref ops);
                    if (status != 200)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }));
            }
            await Task.WhenAll(inflight);
        }
        else
        {
            var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                for (var i = w; clock.Elapsed < duration; i += concurrency)
                {
                    var start = clock.ElapsedTicks;
                    var status = await client.SearchAsync(index, queries[i % queries.Count]);
                    histogram.RecordValue(Math.Max(1, (clock.ElapsedTicks - start) * 1_000_000 / Stopwatch.Frequency));
                    Interlocked.Increment(ref ops);
                    if (status != 200)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);
        }
        var elapsed = clock.Elapsed;
        var cpu = ProcessCpu.ReadMicros(pid) - cpuBefore;

        Console.WriteLine($"model            {(rate > 0 ? $"open, {rate}/s" : $"closed, {concurrency} clients")}");
        Console.WriteLine($"searches         {ops} in {elapsed.TotalSeconds:F1} s ({ops / elapsed.TotalSeconds:F0}/s), errors {errors}");
        foreach (var percentile in new[] { 50.0, 90.0, 99.0, 99.9 })
        {
            Console.WriteLine($"p{percentile,-15}{histogram.GetValueAtPercentile(percentile) / 1000.0:F3} ms");
        }
        Console.WriteLine($"max              {histogram.GetMaxValue() / 1000.0:F3} ms");
        if (cpu is not null)
        {
            Console.WriteLine($"target CPU       {cpu / ops:F1} µs/search");
            Console.WriteLine($"target RSS       {ProcessCpu.ReadRssKb(pid) / 1024} MB");
        }
        return errors == 0 ? 0 : 1;
    }
}
