using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Routing;

namespace Miroir.Benchmarks.Merging;

/// <summary>Merging 3 node responses of N hits each into the top 20 or the top N (spec §4 read path, 05-quality goals).</summary>
[MemoryDiagnoser]
public class SearchMergeBenchmarks
{
    private ReadOnlyMemory<byte>[] _nodes = [];
    private SearchMergeRequest _request = null!;
    private PooledBufferWriter _output = null!;

    [ParamsSource(nameof(Cases))]
    public MergeCase Case { get; set; } = new(20, 20);

    [Params(false, true)]
    public bool Sorted { get; set; }

    public static IEnumerable<MergeCase> Cases => [new(20, 20), new(1000, 20), new(1000, 1000)];

    private int HitsPerNode => Case.HitsPerNode;

    [GlobalSetup]
    public void Setup()
    {
        _nodes = Enumerable.Range(0, 3).Select(n => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(Response(n))).ToArray();
        _request = new SearchMergeRequest
        {
            Query = "title",
            Paging = SearchPaging.OffsetLimit(0, Case.Top),
            Sort = Sorted ? ["price:asc"] : null,
        };
        _output = new PooledBufferWriter(1 << 20);
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark]
    public int Merge()
    {
        _output.Clear();
        SearchResultMerger.Merge(_nodes, _request, _output);
        return _output.WrittenCount;
    }

    // Hits end with `_miroir_id` as engine nodes send it (NodeTieBreak): equal scores across nodes compare it.
    private string Response(int node)
    {
        var hits = Enumerable.Range(0, HitsPerNode).Select(p =>
        {
            var score = (1.0 - (p / (double)HitsPerNode)).ToString("R", CultureInfo.InvariantCulture);
            var details = Sorted ? $",\"_rankingScoreDetails\":{{\"words\":{{\"order\":0,\"score\":1.0}},\"price:asc\":{{\"order\":1,\"value\":{p * 3 + node}}}}}" : "";
            return $"{{\"id\":\"n{node}-{p}\",\"title\":\"A title of hit {p}\",\"price\":{p * 3 + node},\"_miroir_shard\":{p % 64},"
                + $"\"_formatted\":{{\"id\":\"n{node}-{p}\",\"title\":\"A <em>title</em> of hit {p}\",\"_miroir_shard\":\"{p % 64}\"}},\"_rankingScore\":{score}{details},\"_miroir_id\":\"n{node}-{p}\"}}";
        });
        return "{\"hits\":[" + string.Join(",", hits) + $"],\"query\":\"title\",\"processingTimeMs\":2,\"limit\":{HitsPerNode},\"offset\":0,\"estimatedTotalHits\":5000}}";
    }

    /// <summary>3 nodes answer <see cref="HitsPerNode"/> hits each; the client wants the <see cref="Top"/> first.</summary>
    public sealed record MergeCase(int HitsPerNode, int Top)
    {
        public override string ToString() => $"3x{HitsPerNode}-top{Top}";
    }
}
