namespace Miroir.Proxy.Routing;

/// <summary>The routed form of one client batch: a JSON array body per target node, plus per-shard counts.</summary>
/// <remarks>Owns pooled buffers: dispose it once every sub-batch has been sent.</remarks>
public sealed class RoutedBatch : IDisposable
{
    private readonly PooledBufferWriter?[] _bodies;
    private readonly int[] _nodeCounts;
    private readonly int[] _shardCounts;

    internal RoutedBatch(PooledBufferWriter?[] bodies, int[] nodeCounts, int[] shardCounts, int total)
    {
        _bodies = bodies;
        _nodeCounts = nodeCounts;
        _shardCounts = shardCounts;
        TotalDocuments = total;
    }

    /// <summary>Content type of every sub-batch body.</summary>
    public const string ContentType = "application/json";

    /// <summary>Number of node slots (the route table's node count).</summary>
    public int NodeCount => _bodies.Length;

    /// <summary>Documents in the client batch.</summary>
    public int TotalDocuments { get; }

    /// <summary>Documents per shard, indexed by shard.</summary>
    public ReadOnlySpan<int> ShardCounts => _shardCounts;

    /// <summary>True when the node receives at least one document.</summary>
    public bool HasDocuments(int node) => _nodeCounts[node] > 0;

    /// <summary>Documents the node receives.</summary>
    public int DocumentCount(int node) => _nodeCounts[node];

    /// <summary>The node's sub-batch: a JSON array of documents (<c>application/json</c>), empty when it gets none.</summary>
    public ReadOnlyMemory<byte> BodyFor(int node) => _bodies[node]?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;

    public void Dispose()
    {
        for (var i = 0; i < _bodies.Length; i++)
        {
            _bodies[i]?.Dispose();
            _bodies[i] = null;
        }
    }
}
