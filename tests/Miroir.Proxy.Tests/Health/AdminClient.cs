using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Health;

/// <summary>Admin API helpers for cluster tests: node status, metrics, waiting for a health transition.</summary>
internal static class AdminClient
{
    /// <summary>Fast probing so a stopped node is marked failed within a few hundred milliseconds.</summary>
    public static Core.Configuration.HealthConfig FastHealth => new() { IntervalMs = 50, TimeoutMs = 2000, UnhealthyThreshold = 2, RecoveryThreshold = 2 };

    public static async Task<JsonElement> NodeAsync(MiroirClusterFixture cluster, string nodeId)
    {
        using var response = await SendAsync(cluster, "/_miroir/nodes");
        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("results").EnumerateArray().Single(n => n.GetProperty("id").GetString() == nodeId);
    }

    /// <summary>Polls <c>/_miroir/nodes</c> until the node reports <paramref name="expected"/>.</summary>
    public static Task<JsonElement> WaitForStatusAsync(MiroirClusterFixture cluster, string nodeId, string expected) =>
        WaitForAsync(cluster, nodeId, n => n.GetProperty("status").GetString() == expected);

    /// <summary>Polls <c>/_miroir/nodes</c> until the node's entry satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(MiroirClusterFixture cluster, string nodeId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var node = await NodeAsync(cluster, nodeId);
            if (done(node))
            {
                return node;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"node {nodeId} is still {node}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<string> MetricsAsync(MiroirClusterFixture cluster)
    {
        using var response = await SendAsync(cluster, "/_miroir/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A GET on the admin API with the admin key when one is configured (else the client's master key).</summary>
    public static Task<HttpResponseMessage> SendAsync(MiroirClusterFixture cluster, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (!string.IsNullOrEmpty(cluster.Config.Admin.ApiKey))
        {
            request.Headers.Add("X-Admin-Key", cluster.Config.Admin.ApiKey);
        }

        return cluster.Client.SendAsync(request);
    }

    /// <summary>The value of one sample line (<c>name{labels} value</c>), or 0 when the series does not exist yet.</summary>
    public static double Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
