using Miroir.Core.Routing;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>Sends a client's request unchanged to one reachable node and hands back its answer (error relays).</summary>
internal static class NodeRelay
{
    /// <summary>Tries <paramref name="preferred"/> first, then every other node in ordinal order. The caller disposes the reply.</summary>
    public static async Task<NodeReply?> SendAsync(ReadCluster cluster, ReadIndex index, Func<NodeRequest> factory,
        int preferred, CancellationToken cancellationToken)
    {
        var count = index.Map.Topology.Nodes.Count;
        for (var i = 0; i < count; i++)
        {
            var ordinal = (Math.Max(preferred, 0) + i) % count;
            if (!index.View.IsReadable(ordinal))
            {
                continue;
            }

            var target = new NodeTarget(ordinal, [], Restrict: false);
            var reply = await NodeCall.SendOrThrowAsync(cluster, index.Node(ordinal), target, factory(), cancellationToken).ConfigureAwait(false);
            if (!reply.Failed)
            {
                return reply;
            }

            reply.Dispose();
        }

        return null;
    }

    /// <summary>
    /// Turns a node's refusal into the client's answer: the unrestricted request is re-asked so the error text is
    /// exactly what Meilisearch says about the client's own input; if that succeeds (the refusal came from the
    /// rewrite), the first refusal is returned with the reserved field scrubbed.
    /// </summary>
    public static async Task<ReadOutcome> RelayRejectionAsync(ReadCluster cluster, ReadIndex index, NodeReply rejection,
        Func<NodeRequest> original, CancellationToken cancellationToken)
    {
        using var reply = await SendAsync(cluster, index, original, rejection.Target.Ordinal, cancellationToken).ConfigureAwait(false);
        return reply is { IsRejection: true }
            ? new ReadOutcome(reply.Status, ReadResponse.Scrub(reply.Body), [])
            : new ReadOutcome(rejection.Status, ReadResponse.Scrub(rejection.Body), []);
    }

    /// <summary>Relays an unrewritable request (bad types, bad JSON) to one node: it answers with the validation error.</summary>
    public static async Task<ReadOutcome> RelayOriginalAsync(ReadCluster cluster, ReadIndex index,
        Func<NodeRequest> original, CancellationToken cancellationToken)
    {
        using var reply = await SendAsync(cluster, index, original, 0, cancellationToken).ConfigureAwait(false);
        return reply is null
            ? new ReadOutcome(503, ReadResponse.ShardUnavailable(AllShards(index.Map)), AllShards(index.Map))
            : new ReadOutcome(reply.Status, ReadResponse.Scrub(reply.Body), []);
    }

    private static int[] AllShards(ShardMap map) => [.. Enumerable.Range(0, map.ShardCount)];
}
