using Miroir.Proxy.Nodes;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>One read request to one node with the per-node timeout; never throws for node trouble, reports it instead.</summary>
internal static class NodeCall
{
    /// <remarks>The request's deadline is <c>node_timeout_ms</c>: a node that misses it counts as failed and its shards are
    /// re-asked elsewhere. A cancellation by <paramref name="cancellationToken"/> (the client's, or a lost hedge's) comes back
    /// as a <see cref="NodeReply.Canceled"/> reply: it says nothing about the node.</remarks>
    public static async Task<NodeReply> SendAsync(ReadCluster cluster, NodeClient node, NodeTarget target, NodeRequest request,
        CancellationToken cancellationToken)
    {
        var answer = await node.Transport.SendAsync(request with { Timeout = cluster.NodeTimeout, IsRead = true }, cancellationToken)
            .ConfigureAwait(false);
        return new NodeReply(target, answer);
    }

    /// <summary><see cref="SendAsync"/> for a caller whose own token is the client's: its cancellation propagates.</summary>
    public static async Task<NodeReply> SendOrThrowAsync(ReadCluster cluster, NodeClient node, NodeTarget target, NodeRequest request,
        CancellationToken cancellationToken)
    {
        var reply = await SendAsync(cluster, node, target, request, cancellationToken).ConfigureAwait(false);
        if (reply.Canceled)
        {
            reply.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return reply;
    }

    /// <summary>A JSON POST to <paramref name="path"/>; replayable, since every read POST only reads.</summary>
    public static NodeRequest Post(string path, byte[] json) => NodeRequest.Post(path, json) with { Replayable = true };

    public static NodeRequest Get(string pathAndQuery) => NodeRequest.Get(pathAndQuery);
}
