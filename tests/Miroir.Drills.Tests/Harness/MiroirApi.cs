using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Miroir.Drills.Tests.Harness;

/// <summary>The few Meilisearch calls the drills make, against the orchestrator, exactly as an SDK would.</summary>
public sealed class MiroirApi(string url) : IDisposable
{
    private static readonly string[] TerminalStatuses = ["succeeded", "failed", "canceled"];

    // Longer than any node timeout: a drill measures the orchestrator's deadline, not the client's.
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

    public string Url { get; } = url;

    public static bool IsTerminal(string status) => TerminalStatuses.Contains(status);

    public async Task CreateIndexAsync(string index, string primaryKey)
    {
        using var content = Json($$"""{"uid":"{{index}}","primaryKey":"{{primaryKey}}"}""");
        using var response = await _http.PostAsync("/indexes", content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"create index: {(int)response.StatusCode} {body}");
        }

        var uid = TaskUid(body);
        var status = await WaitTaskAsync(uid, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (status != "succeeded")
        {
            throw new InvalidOperationException($"create index task {uid} ended {status}");
        }
    }

    /// <summary>POSTs an NDJSON batch; the task uid when the orchestrator acknowledged it (202), else null.</summary>
    public async Task<WriteAnswer> AddDocumentsAsync(string index, ReadOnlyMemory<byte> ndjson)
    {
        using var content = new ReadOnlyMemoryContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        try
        {
            using var response = await _http.PostAsync($"/indexes/{index}/documents", content).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.Accepted
                ? new WriteAnswer((int)response.StatusCode, TaskUid(body), body)
                : new WriteAnswer((int)response.StatusCode, null, body);
        }
        catch (HttpRequestException e)
        {
            // The orchestrator itself is down (orchestrator drills): nothing was acknowledged.
            return new WriteAnswer(0, null, e.Message);
        }
    }

    /// <summary>The task's status, or null when <c>GET /tasks/{uid}</c> does not answer 200.</summary>
    public async Task<string?> TaskStatusAsync(long uid)
    {
        using var response = await _http.GetAsync($"/tasks/{uid}").ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return doc.RootElement.GetProperty("status").GetString();
    }

    /// <summary>How many tasks <c>GET /tasks?statuses=enqueued,processing</c> lists (-1 when it does not answer 200).</summary>
    public async Task<int> PendingTaskCountAsync()
    {
        using var response = await _http.GetAsync("/tasks?statuses=enqueued,processing&limit=1000").ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return doc.RootElement.GetProperty("results").GetArrayLength();
    }

    /// <summary>Polls until the task is terminal; its last status (or "unknown" / the last one seen on timeout).</summary>
    public async Task<string> WaitTaskAsync(long uid, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < timeout)
        {
            status = await TaskStatusAsync(uid).ConfigureAwait(false);
            if (status is not null && IsTerminal(status))
            {
                return status;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return status ?? "unknown";
    }

    /// <summary><c>GET /indexes/{index}/documents/{id}</c>: the status and the body.</summary>
    public async Task<(int Status, string Body)> GetDocumentAsync(string index, long id)
    {
        using var response = await _http.GetAsync($"/indexes/{index}/documents/{id}").ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    /// <summary><c>numberOfDocuments</c> of the index's stats (counted once per shard by the orchestrator).</summary>
    public async Task<long> CountAsync(string index)
    {
        using var response = await _http.GetAsync($"/indexes/{index}/stats").ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"stats: {(int)response.StatusCode} {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("numberOfDocuments").GetInt64();
    }

    /// <summary><c>total</c> of <c>GET /indexes/{index}/documents?limit=1</c>: a scatter over a covering set, exact unlike a search's estimate.</summary>
    public async Task<long> ListTotalAsync(string index)
    {
        using var response = await _http.GetAsync($"/indexes/{index}/documents?limit=1").ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"list documents: {(int)response.StatusCode} {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>One search, timed from the client's side.</summary>
    public async Task<SearchAnswer> SearchAsync(string index, string query)
    {
        using var content = Json($$"""{"q":"{{query}}","limit":10}""");
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.PostAsync($"/indexes/{index}/search", content).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            clock.Stop();
            var degraded = response.Headers.TryGetValues("X-Miroir-Degraded", out var values) ? string.Join(",", values) : null;
            long hits = -1;
            string? code = null;
            using (var doc = JsonDocument.Parse(body))
            {
                if (doc.RootElement.TryGetProperty("estimatedTotalHits", out var total))
                {
                    hits = total.GetInt64();
                }

                if (doc.RootElement.TryGetProperty("code", out var c))
                {
                    code = c.GetString();
                }
            }

            return new SearchAnswer((int)response.StatusCode, hits, degraded, code, clock.Elapsed, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new SearchAnswer(0, -1, null, null, clock.Elapsed, e.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static long TaskUid(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("taskUid").GetInt64();
    }
}

/// <summary>Answer to a document write: the HTTP status (0 = no answer) and the task uid when acknowledged.</summary>
public sealed record WriteAnswer(int Status, long? TaskUid, string Body);

/// <summary>Answer to a search as the client saw it.</summary>
public sealed record SearchAnswer(int Status, long EstimatedTotalHits, string? Degraded, string? Code, TimeSpan Elapsed, string Body)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Status} in {Elapsed.TotalMilliseconds:F0} ms, hits {EstimatedTotalHits}, degraded {Degraded ?? "-"}: {Body[..Math.Min(Body.Length, 300)]}");
}
