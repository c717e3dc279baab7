using System.Text;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;
using static Miroir.Proxy.Tests.Merging.MergeTestData;

namespace Miroir.Proxy.Tests.Merging;

public sealed class MergeAllocationUnitTests
{
    private static ReadOnlyMemory<byte>[] Nodes(int hitsPerNode, bool sorted) =>
        Enumerable.Range(0, 3).Select(n => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(Response(
            Enumerable.Range(0, hitsPerNode).Select(p => sorted
                ? $"{{\"id\":\"n{n}p{p}\",\"title\":\"some title\",\"_miroir_shard\":1,\"_formatted\":{{\"title\":\"x\",\"_miroir_shard\":\"1\"}},\"_rankingScore\":0.5,\"_rankingScoreDetails\":{{\"price:asc\":{{\"order\":0,\"value\":{p}}},\"name:desc\":{{\"order\":1,\"value\":\"v{p % 7}\"}}}}}}"
                : ScoredHit($"n{n}p{p}", 1.0 - (p / 10000.0))),
            hitsPerNode))).ToArray();

    private static long Allocated(ReadOnlyMemory<byte>[] nodes, SearchMergeRequest request, PooledBufferWriter output)
    {
        // ArrayPool creates its per-core partitions lazily (a one-off 280 B each), so take the best of a few runs.
        var best = long.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            output.Clear();
            var before = GC.GetAllocatedBytesForCurrentThread();
            SearchResultMerger.Merge(nodes, request, output);
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_ThousandsOfHits_AllocationIndependentOfHitCount(bool sorted)
    {
        using var output = new PooledBufferWriter(1 << 20);
        var sort = sorted ? new[] { "price:asc", "name:desc" } : null;
        var small = Allocated(Nodes(20, sorted), new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 20), Sort = sort }, output);
        var large = Allocated(Nodes(1000, sorted), new SearchMergeRequest { Paging = SearchPaging.OffsetLimit(0, 1000), Sort = sort }, output);

        // The workspace, its pooled arrays and the JSON writer are reused per thread: a merge allocates nothing.
        Assert.True(small == 0 && large == 0, $"3x20: {small} bytes, 3x1000: {large} bytes");
    }
}
