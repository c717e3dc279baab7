namespace Miroir.Proxy.Nodes;

/// <summary>Sends requests to several nodes in parallel and collects every answer (by node ordinal).</summary>
public static class NodeFanout
{
    /// <summary>Runs <paramref name="send"/> for every client in <paramref name="targets"/>; the result array is indexed like the targets.</summary>
    public static async Task<NodeResponse[]> SendAllAsync(
        IReadOnlyList<NodeClient> targets,
        Func<NodeClient, Task<NodeResponse>> send)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(send);
        var tasks = new Task<NodeResponse>[targets.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = send(targets[i]);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
