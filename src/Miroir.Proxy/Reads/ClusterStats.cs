using System.Globalization;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>The fleet-wide part of <c>GET /stats</c>: every node's <c>/stats</c> sizes summed, the latest <c>lastUpdate</c>.</summary>
internal static class ClusterStats
{
    public static async Task<(long Size, long Used, string? LastUpdate)> CollectAsync(ReadCluster cluster,
        IReadOnlyList<ReadIndex> indexes, CancellationToken cancellationToken)
    {
        if (indexes.Count == 0)
        {
            return (0, 0, null);
        }

        // Indexes share the fleet; one topology names every node.
        var nodes = indexes[0].Map.Topology.Nodes;
        var calls = new Task<NodeReply>[nodes.Count];
        for (var n = 0; n < calls.Length; n++)
        {
            calls[n] = NodeCall.SendOrThrowAsync(cluster, indexes[0].Node(n), new NodeTarget(n, [], Restrict: false), NodeCall.Get("/stats"), cancellationToken);
        }

        long size = 0, used = 0;
        DateTimeOffset? last = null;
        string? lastText = null;
        var replies = await Task.WhenAll(calls).ConfigureAwait(false);
        foreach (var reply in replies)
        {
            if (!reply.IsSuccess)
            {
                continue;
            }

            var reader = new Utf8JsonReader(reply.Body);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "databaseSize" && reader.TokenType == JsonTokenType.Number)
                {
                    size += reader.GetInt64();
                }
                else if (name == "usedDatabaseSize" && reader.TokenType == JsonTokenType.Number)
                {
                    used += reader.GetInt64();
                }
                else if (name == "lastUpdate" && reader.TokenType == JsonTokenType.String
                    && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    && (last is null || at > last))
                {
                    last = at;
                    lastText = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        foreach (var reply in replies)
        {
            reply.Dispose();
        }

        return (size, used, lastText);
    }
}
