namespace Miroir.Proxy.Nodes;

/// <summary>Reads that any node can answer (index list, version, settings): the first node that answers without a server error wins.</summary>
public static class AnyNode
{
    public static async Task<NodeResponse> SendAsync(
        IReadOnlyList<NodeClient> nodes,
        HttpMethod method,
        string path,
        ReadOnlyMemory<byte> body = default,
        string? contentType = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        NodeResponse? last = null;
        foreach (var node in nodes)
        {
            last = await node.SendAsync(method, path, body, contentType, ct).ConfigureAwait(false);
            if (last.Reached && last.Status < 500)
            {
                return last;
            }
        }

        return last ?? NodeResponse.Unreachable("the cluster has no nodes");
    }
}
