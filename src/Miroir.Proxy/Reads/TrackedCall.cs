namespace Miroir.Proxy.Reads;

/// <summary>One scatter request to one node, recorded in the node's <see cref="NodeLoad"/> (in flight, latency, errors).</summary>
internal static class TrackedCall
{
    /// <param name="call">Cancels this request alone (the loser of a hedge); null is returned when it did.</param>
    /// <param name="request">The client's request: when it is cancelled the exception propagates as before.</param>
    public static async Task<NodeReply?> SendAsync(ReadCluster cluster, ReadIndex index, NodeTarget target, Scatter.RequestFactory factory,
        CancellationToken call, CancellationToken request)
    {
        var client = index.Node(target.Ordinal);
        var node = client.Node;
        var load = cluster.Loads.For(node.Id);
        load.Enter();
        var start = cluster.Time.GetTimestamp();
        try
        {
            var reply = await NodeCall.SendAsync(cluster, client, target, factory(node.Address, target), call).ConfigureAwait(false);
            if (call.IsCancellationRequested && !request.IsCancellationRequested)
            {
                // Cancelled mid-body: whatever NodeCall made of the broken read says nothing about the node.
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
        catch (OperationCanceledException) when (call.IsCancellationRequested && !request.IsCancellationRequested)
        {
            load.Abandoned(cluster.Time.GetElapsedTime(start).TotalMilliseconds);
            return null;
        }
        finally
        {
            load.Exit();
        }
    }
}
