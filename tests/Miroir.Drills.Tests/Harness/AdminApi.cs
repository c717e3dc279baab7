using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Miroir.Drills.Tests.Harness;

/// <summary>The orchestrator's <c>/_miroir/*</c> admin calls the drills use (no admin key: drills run with an open API).</summary>
public sealed class AdminApi(string url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };

    /// <summary><c>POST /_miroir/nodes</c>: adds a node to group 0 and starts the rebalance; the HTTP status.</summary>
    public async Task<(int Status, string Body)> AddNodeAsync(DrillProcess node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return await PostAsync("/_miroir/nodes", $$"""{"id":"{{node.Name}}","address":"{{node.Url}}","replica_group":0}""").ConfigureAwait(false);
    }

    /// <summary><c>POST /_miroir/rebalance</c>: resumes a paused rebalance.</summary>
    public Task<(int Status, string Body)> ResumeRebalanceAsync() => PostAsync("/_miroir/rebalance", "");

    /// <summary><c>POST /_miroir/anti-entropy/run</c>: one scan-and-repair pass, answered when it is over.</summary>
    public Task<(int Status, string Body)> RunAntiEntropyAsync() => PostAsync("/_miroir/anti-entropy/run", "");

    /// <summary><c>GET /_miroir/metrics</c>: the Prometheus text.</summary>
    public async Task<string> MetricsAsync()
    {
        using var response = await _http.GetAsync("/_miroir/metrics").ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    /// <summary>The value of one sample line (<c>name{labels} value</c>) of <paramref name="metrics"/>, or 0 when absent.</summary>
    public static double Sample(string metrics, string series)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary><c>GET /_miroir/rebalance/status</c>.</summary>
    public async Task<RebalanceStatus> RebalanceStatusAsync()
    {
        using var response = await _http.GetAsync("/_miroir/rebalance/status").ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"rebalance status: {(int)response.StatusCode} {body}");
        }

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return new RebalanceStatus(
            root.GetProperty("inProgress").GetBoolean(),
            root.GetProperty("phase").GetString() ?? "",
            root.GetProperty("shardsTotal").GetInt32(),
            root.GetProperty("shardsDone").GetInt32(),
            root.GetProperty("documentsMigrated").GetInt64(),
            root.GetProperty("lastError").GetString(),
            body);
    }

    public void Dispose() => _http.Dispose();

    private async Task<(int, string)> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }
}

/// <summary>The figures of <c>GET /_miroir/rebalance/status</c> a drill follows.</summary>
public sealed record RebalanceStatus(bool InProgress, string Phase, int ShardsTotal, int ShardsDone, long DocumentsMigrated, string? LastError, string Body);
