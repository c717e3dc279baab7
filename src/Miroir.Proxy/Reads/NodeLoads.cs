using System.Collections.Concurrent;

namespace Miroir.Proxy.Reads;

/// <summary>Each node's <see cref="NodeLoad"/> by node id: per process, no coordination (spec §13.3), kept across topology changes.</summary>
internal sealed class NodeLoads
{
    private readonly ConcurrentDictionary<string, NodeLoad> _byId = new(StringComparer.Ordinal);

    public NodeLoad For(string nodeId) => _byId.GetOrAdd(nodeId, static _ => new NodeLoad());

    /// <summary>Every node seen so far, for the score gauge.</summary>
    public IEnumerable<KeyValuePair<string, NodeLoad>> All => _byId;
}
