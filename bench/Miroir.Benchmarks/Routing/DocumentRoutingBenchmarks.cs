using System.Buffers;
using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;
using Miroir.Proxy.Routing;

namespace Miroir.Benchmarks.Routing;

/// <summary>Routing a JSON batch of ~1 KB documents over 3 nodes, RF 2, S 64 (spec §3 write path).</summary>
[MemoryDiagnoser]
public class DocumentRoutingBenchmarks
{
    private ReadOnlySequence<byte> _body;
    private WriteRouteTable _table = null!;
    private DocumentRoutingOptions _options = null!;

    [Params(100, 1000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var padding = new string('x', 900);
        var docs = Enumerable.Range(0, Documents).Select(i => $"{{\"id\":\"doc-{i}\",\"title\":\"Title {i}\",\"price\":{i * 3},\"tags\":[\"a\",\"b\"],\"body\":\"{padding}\"}}");
        _body = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("[" + string.Join(",", docs) + "]"));
        const int shards = 64;
        var targets = Enumerable.Range(0, shards).Select(s => new[] { s % 3, (s + 1) % 3 }).ToArray();
        _table = new WriteRouteTable(key => Shard(key, shards), targets, 3);
        _options = new DocumentRoutingOptions("id");
    }

    [Benchmark]
    public int RouteJson()
    {
        using var batch = DocumentBatchRouter.Route(_body, DocumentFormat.Json, _table, _options);
        return batch.TotalDocuments;
    }

    private static int Shard(ReadOnlySpan<byte> key, int shards)
    {
        Span<byte> buffer = stackalloc byte[key.Length + 1];
        key.CopyTo(buffer);
        buffer[^1] = 0xFF;
        return (int)(XxHash64.HashToUInt64(buffer) % (ulong)shards);
    }
}
