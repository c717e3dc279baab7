using BenchmarkDotNet.Attributes;
using Miroir.Core.Routing;

namespace Miroir.Benchmarks.Routing;

/// <summary>One primary key to its shard and that shard's owners (spec §2): the per-document routing decision.</summary>
[MemoryDiagnoser]
public class ShardRoutingBenchmarks
{
    private readonly string[] _keys = [.. Enumerable.Range(0, 1024).Select(i => $"package-{i:D6}")];
    private ShardMap _map = null!;

    [GlobalSetup]
    public void Setup()
    {
        var nodes = Enumerable.Range(1, 6).Select(i => new TopologyNode($"node-{i}", $"http://127.0.0.1:{7700 + i}", (i - 1) % 2));
        _map = new ShardMap(new Topology(nodes, replicationFactor: 2, replicaGroupCount: 2), shardCount: 64);
    }

    /// <summary>1,024 string keys → shard → the owners in group 0; reported per key with OperationsPerInvoke.</summary>
    [Benchmark(OperationsPerInvoke = 1024)]
    public int KeyToOwners()
    {
        var router = _map.Router;
        var sum = 0;
        foreach (var key in _keys)
        {
            var shard = router.GetShard(key);
            sum += _map.GetOwners(shard, 0)[0];
        }

        return sum;
    }
}
