namespace Miroir.Proxy.Reads;

/// <summary>One scatter request to one node, recorded in the node's <see cref="NodeLoad"/> (in flight, latency, errors).</summary>
internal static class TrackedCall
{
    /// <param name="call">Cancels this request alone (the loser of a hedge); null is returned when it did.</param>
    /// <param name="request">The client's request: when it is cancelled the cancellation propagates as before.</param>
    public static async Task<NodeReply?> SendAsync(ReadCluster cluster, ReadIndex index, NodeTarget target, Scatter.RequestFactory factory,
        CancellationToken call, CancellationToken request)
    {
        var client = index.Node(target.Ordinal);
        var load = cluster.Loads.For(client.Id);
        load.Enter();
        var start = cluster.Time.GetTimestamp();
        try
        {
            var reply = await NodeCall.SendAsync(cluster, client, target, factory(target), call).ConfigureAwait(false);
            if (reply.Canceled || (call.IsCancellationRequested && !request.IsCancellationRequested))
            {
                // Abandoned (a lost hedge, or the client left), even if an answer made it first: says nothing about the node.
                reply.Dispose();
                request.ThrowIfCancellationRequested();
                load.Abandoned(cluster.Time.GetElapsedTime(start).TotalMilliseconds);
                return null;
            }

            if (reply.Failed)
            {
                load.Failed();
            }
            else
            {
                load.Answered(cluster.Time.GetElapsedTime(start).TotalMilliseconds);
            }

            return reply;
        }
        finally
        {
            load.Exit();
        }
    }
}
