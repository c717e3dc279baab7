using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// Small documents <c>{"id","rev","name"}</c> written revision after revision, and the checks of recovery drills: every
/// read of an acknowledged id must return its last acknowledged revision (not an older one, not a 404).
/// </summary>
public sealed class Revisions(DrillCluster cluster, string index, int documents)
{
    private readonly Dictionary<long, int> _acknowledged = [];

    public IReadOnlyDictionary<long, int> Acknowledged => _acknowledged;

    /// <summary>Creates the index and writes revision 0 of every document with every node up.</summary>
    public async Task SeedAsync()
    {
        await cluster.Api.CreateIndexAsync(index, "id").ConfigureAwait(false);
        if (await WriteAsync(0, Enumerable.Range(0, documents)).ConfigureAwait(false) != documents)
        {
            throw new InvalidOperationException("seed refused with every node up\n" + cluster.Describe());
        }
    }

    /// <summary>
    /// Writes <paramref name="rev"/> of the ids in batches, waiting for each batch's task (as SDK clients do): a
    /// revision counts as acknowledged once its task succeeded. Returns how many documents were acknowledged.
    /// </summary>
    public async Task<int> WriteAsync(int rev, IEnumerable<int> ids, int batchSize = 250)
    {
        var acknowledged = 0;
        foreach (var batch in ids.Chunk(batchSize))
        {
            var body = Encoding.UTF8.GetBytes(string.Concat(batch.Select(i => string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":{{i}},"rev":{{rev}},"name":"package {{i}}"}""") + "\n")));
            var answer = await cluster.Api.AddDocumentsAsync(index, body).ConfigureAwait(false);
            if (answer.TaskUid is not { } uid || await cluster.Api.WaitTaskAsync(uid, TimeSpan.FromSeconds(30)).ConfigureAwait(false) != "succeeded")
            {
                continue;
            }

            foreach (var id in batch)
            {
                _acknowledged[id] = rev;
            }

            acknowledged += batch.Length;
        }

        return acknowledged;
    }

    /// <summary>
    /// GETs every acknowledged id through the orchestrator: stale = an older revision, missing = not 200, degraded =
    /// answered with <c>X-Miroir-Degraded</c>.
    /// </summary>
    public async Task<ReadCheck> CheckReadsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Orchestrator.Url), Timeout = TimeSpan.FromSeconds(60) };
        var (stale, missing, degraded) = (0, 0, 0);
        foreach (var (id, rev) in _acknowledged)
        {
            using var answer = await http.GetAsync($"/indexes/{index}/documents/{id}").ConfigureAwait(false);
            degraded += answer.Headers.Contains("X-Miroir-Degraded") ? 1 : 0;
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                missing++;
            }
            else if (RevOf(await answer.Content.ReadAsStringAsync().ConfigureAwait(false)) < rev)
            {
                stale++;
            }
        }

        return new ReadCheck(_acknowledged.Count, stale, missing, degraded);
    }

    /// <summary>Polls <c>GET /_miroir/nodes</c> until the node reports <paramref name="status"/>.</summary>
    public async Task WaitStatusAsync(string nodeId, string status, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Orchestrator.Url) };
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/_miroir/nodes").ConfigureAwait(false));
            var node = doc.RootElement.GetProperty("results").EnumerateArray().Single(n => n.GetProperty("id").GetString() == nodeId);
            if (node.GetProperty("status").GetString() == status)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{nodeId} is still {node}\n{cluster.Describe()}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Every document of the index on one node, read straight from it: id → rev.</summary>
    public async Task<Dictionary<long, int>> OnNodeAsync(DrillProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        var body = await http.GetStringAsync($"/indexes/{index}/documents?limit={documents * 2}&fields=id,rev").ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(d => d.GetProperty("id").GetInt64(), d => d.GetProperty("rev").GetInt32());
    }

    /// <summary>The copies a node owes per <c>GET /_miroir/nodes</c>.</summary>
    public async Task<int> OwedAsync(string nodeId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Orchestrator.Url) };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/_miroir/nodes").ConfigureAwait(false));
        return doc.RootElement.GetProperty("results").EnumerateArray()
            .Single(n => n.GetProperty("id").GetString() == nodeId).GetProperty("owed_copies").GetInt32();
    }

    /// <summary>Polls until the node owes nothing; the time it took.</summary>
    public async Task<TimeSpan> WaitPaidAsync(string nodeId, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await OwedAsync(nodeId).ConfigureAwait(false) > 0)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{nodeId} still owes copies after {timeout}\n{cluster.Describe()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }

    /// <summary><c>POST /_miroir/verify</c>: the number of divergent documents and of skipped shards.</summary>
    public async Task<(int Divergent, int Skipped)> VerifyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Orchestrator.Url), Timeout = TimeSpan.FromSeconds(60) };
        using var answer = await http.PostAsync("/_miroir/verify", null).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"verify answered {(int)answer.StatusCode}");
        }

        using var doc = JsonDocument.Parse(await answer.Content.ReadAsStringAsync().ConfigureAwait(false));
        var divergent = doc.RootElement.GetProperty("mismatches").EnumerateArray().Sum(m => m.GetProperty("divergentDocuments").GetInt32());
        return (divergent, doc.RootElement.GetProperty("skipped").GetArrayLength());
    }

    private static int RevOf(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("rev").GetInt32();
    }
}

/// <summary>One pass of GETs over every acknowledged id.</summary>
public sealed record ReadCheck(int Reads, int Stale, int Missing, int Degraded)
{
    public static ReadCheck None { get; } = new(0, 0, 0, 0);

    public ReadCheck Plus(ReadCheck other) =>
        new(Reads + other.Reads, Stale + other.Stale, Missing + other.Missing, Degraded + other.Degraded);
}
