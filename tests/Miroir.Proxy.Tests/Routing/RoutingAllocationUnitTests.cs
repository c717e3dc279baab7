using System.Buffers;
using System.Text;
using Miroir.Core.Routing;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Tests.Routing;

public sealed class RoutingAllocationUnitTests
{
    private static long Allocated(int documents, WriteRouteTable table, DocumentRoutingOptions options)
    {
        var body = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, documents).Select(i => $"{{\"id\":\"doc-{i}\",\"n\":{i},\"t\":\"text\"}}")) + "]"));
        // Best of a few runs: the first ones also pay for ArrayPool's lazily created per-core partitions.
        var best = long.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            DocumentBatchRouter.Route(body, DocumentFormat.Json, table, options, 1).Dispose();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }

    [Fact]
    public void Route_TenThousandDocuments_AllocationIndependentOfDocumentCount()
    {
        // Core's shard function: the test helper's hash allocates, the production one must not.
        var topology = new Topology(Enumerable.Range(0, 3).Select(i => new TopologyNode("node-" + i, "http://n" + i, 0)), 2, 1);
        var table = WriteRouteTable.FromShardMap(new ShardMap(topology, 12));
        var options = new DocumentRoutingOptions("id", [DocumentRoutingOptions.UpdatedAtField]);
        var small = Allocated(10, table, options);
        var large = Allocated(10_000, table, options);

        Assert.True(large <= small + 256, $"10k documents: {large} bytes vs 10 documents: {small} bytes");
        Assert.True(large < 2048, $"routing 10k documents allocated {large} bytes");
    }
}
