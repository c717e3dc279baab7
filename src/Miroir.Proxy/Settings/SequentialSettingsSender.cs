using System.Globalization;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Settings;

/// <summary>
/// <c>settings_broadcast.strategy: sequential</c>: a settings change goes to one node at a time, each waiting until the
/// previous node applied it (at most <c>verify_timeout_s</c>). The first failure stops it: nodes that already applied
/// it get the snapshot back and the client gets the failure (the node's refusal or its task's error, or 503 when a
/// node cannot be reached); the nodes after it never see the change. When every node applied it, the change is
/// registered and verified like a two-phase one. Slower than two-phase (one node task after another), never wider.
/// </summary>
internal sealed class SequentialSettingsSender(SettingsBroadcastConfig config, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Same contract as <c>Broadcaster.SendAsync</c>; <paramref name="snapshot"/> is what applied nodes get back on failure.</summary>
    public async Task<(NodeResponse?[] Responses, NodeResponse? Rejected)> SendAsync(
        ClusterView view, HttpMethod method, string path, byte[]? body, string? contentType, string uid, byte[]? snapshot, CancellationToken ct)
    {
        var nodes = view.Snapshot.WriteClients;
        var responses = new NodeResponse?[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var response = await nodes[i].SendAsync(method, path, body, contentType, ct).ConfigureAwait(false);
            responses[i] = response;
            var error = !response.Reached
                ? MiroirErrors.NodeUnavailable($"Node `{nodes[i].Id}` could not be reached ({response.Failure}); the sequential settings update stopped there.")
                : response.TaskUid() is var taskUid and >= 0 ? await WaitAsync(nodes[i], taskUid, ct).ConfigureAwait(false) : null;
            if (response.Reached && !response.IsSuccess || error is not null)
            {
                await RollBackAsync(nodes.Take(i), uid, snapshot).ConfigureAwait(false);
                return error is null ? (responses, response) : throw error;
            }
        }

        return (responses, null);
    }

    /// <summary>Null once the node task succeeded; otherwise the error to answer.</summary>
    private async Task<ProxyException?> WaitAsync(NodeClient node, long taskUid, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(config.VerifyTimeoutS);
        var started = time.GetTimestamp();
        var path = "tasks/" + taskUid.ToString(CultureInfo.InvariantCulture);
        while (time.GetElapsedTime(started) <= timeout)
        {
            var response = await node.GetAsync(path, ct).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                using var task = response.Json();
                var root = task.RootElement;
                switch (root.TryGetProperty("status", out var s) ? s.GetString() : null)
                {
                    case "succeeded":
                        return null;
                    case "failed" or "canceled":
                        return TaskError(node, root);
                }
            }

            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
        }

        return MiroirErrors.NodeUnavailable($"The settings update did not finish on node `{node.Id}` within {timeout.TotalSeconds} s (`settings_broadcast.verify_timeout_s`); the sequential update stopped there.");
    }

    /// <summary>The node task's own error, with the status Meilisearch gives its type.</summary>
    private static ProxyException TaskError(NodeClient node, JsonElement task)
    {
        if (task.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            && e.TryGetProperty("code", out var code) && e.TryGetProperty("type", out var type) && e.TryGetProperty("message", out var message))
        {
            var typeName = type.GetString() ?? "internal";
            return new ProxyException(code.GetString() ?? "internal", typeName, typeName == "invalid_request" ? 400 : 500, message.GetString() ?? "");
        }

        return new ProxyException("internal", "internal", 500, $"The settings update was canceled on node `{node.Id}`; the sequential update stopped there.");
    }

    private async Task RollBackAsync(IEnumerable<NodeClient> applied, string uid, byte[]? snapshot)
    {
        if (snapshot is not null)
        {
            await NodeFanout.SendAllAsync([.. applied], n => n.SendAsync(HttpMethod.Patch, SettingsPath.Of(uid), snapshot, "application/json", CancellationToken.None)).ConfigureAwait(false);
        }
    }
}
