using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Miroir.Drills.Tests.Harness;

/// <summary><c>POST /_miroir/verify</c> (a digest comparison of every shard's replicas, no repair), polled until clean.</summary>
public static class Verify
{
    /// <summary>Divergent shards (mismatches) and shards that could not be compared, from one verify pass.</summary>
    public static async Task<(int Mismatches, int Skipped)> RunAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/_miroir/verify", content).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return (doc.RootElement.GetProperty("mismatches").GetArrayLength(), doc.RootElement.GetProperty("skipped").GetArrayLength());
    }

    /// <summary>Verifies until no shard diverges (or <paramref name="timeout"/>); how long it took and the last result.</summary>
    public static async Task<(bool Clean, TimeSpan Elapsed, int Mismatches)> UntilCleanAsync(string url, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (mismatches, skipped) = await RunAsync(url).ConfigureAwait(false);
            if (mismatches == 0 && skipped == 0)
            {
                return (true, clock.Elapsed, 0);
            }

            if (clock.Elapsed > timeout)
            {
                return (false, clock.Elapsed, mismatches);
            }

            await Task.Delay(500).ConfigureAwait(false);
        }
    }
}
