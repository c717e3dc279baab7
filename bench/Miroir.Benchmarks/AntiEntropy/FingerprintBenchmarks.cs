using System.Text;
using BenchmarkDotNet.Attributes;
using Miroir.Proxy.AntiEntropy;

namespace Miroir.Benchmarks.AntiEntropy;

/// <summary>The reconciler's per-document work (spec §13.8): fingerprint a node's page of documents and fold it into a shard digest.</summary>
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private const int Documents = 1000;

    private readonly DocumentFingerprint _fingerprint = new("id", "_miroir_updated_at");
    private byte[] _page = null!;
    private Range[] _documents = null!;

    /// <summary>One page as a node returns it: 1,000 documents of about 600 bytes and 12 top-level fields.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("{\"results\":[");
        var ranges = new List<Range>();
        for (var i = 0; i < Documents; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var start = Encoding.UTF8.GetByteCount(text.ToString());
            text.Append("{\"id\":\"package-").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\",\"name\":\"libexample").Append(i).Append("\",\"section\":\"libs\",\"priority\":\"optional\",\"architecture\":\"amd64\"")
                .Append(",\"installed_size_kb\":").Append(i * 13 % 9000)
                .Append(",\"tags\":[\"role::shared-lib\",\"implemented-in::c\",\"devel::library\"]")
                .Append(",\"maintainer\":{\"name\":\"Debian Example Team\",\"email\":\"team@example.org\"}")
                .Append(",\"description\":\"An example shared library used to measure the anti-entropy fingerprint; it has a long description like real packages do, with several sentences of text.\"")
                .Append(",\"version\":\"1.2.").Append(i).Append("-1\",\"_miroir_shard\":").Append(i % 64)
                .Append(",\"_miroir_updated_at\":").Append(1_764_547_200_000L + i).Append('}');
            ranges.Add(start..Encoding.UTF8.GetByteCount(text.ToString()));
        }

        _page = Encoding.UTF8.GetBytes(text.Append("]}").ToString());
        _documents = [.. ranges];
    }

    /// <summary>Fingerprint every document of the page and fold it into a digest; reported per document.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public ulong FingerprintPage()
    {
        var digest = new ShardDigest();
        foreach (var document in _documents)
        {
            if (_fingerprint.Compute(_page, document) is { } print)
            {
                digest.Add(print);
            }
        }

        return (ulong)digest.Documents;
    }
}
