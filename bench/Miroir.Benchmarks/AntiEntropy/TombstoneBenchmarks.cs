using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Miroir.Core.Configuration;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Tasks;

namespace Miroir.Benchmarks.AntiEntropy;

/// <summary>
/// What tombstones cost: recording an accepted batch delete of 10,000 ids (one durable state-log record) and the
/// per-document lookup a repair and a shard copy make.
/// </summary>
[MemoryDiagnoser]
public class TombstoneBenchmarks
{
    private const int Ids = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-bench-tombstones-" + Guid.NewGuid().ToString("N"));
    private string[] _ids = null!;
    private StateLog _log = null!;
    private TombstoneStore _store = null!;
    private long _at;

    [GlobalSetup]
    public void Setup()
    {
        _ids = [.. Enumerable.Range(0, Ids).Select(i => "package-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))];
        _log = StateLog.Open(_directory);
        _store = new TombstoneStore(_log, new AntiEntropyConfig(), TimeProvider.System, NullLogger.Instance);
        _log.AddSource(_store);
        _at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _store.RecordAsync(Tombstone.ForIds("m", _at, _ids)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One accepted delete-batch of 10,000 ids: serialise, append durably, index in memory.</summary>
    [Benchmark]
    public Task RecordBatch() => _store.RecordAsync(Tombstone.ForIds("m", ++_at, _ids));

    /// <summary>The lookup per divergent document (repair) and per copied document (shard copy of an index with tombstones).</summary>
    [Benchmark(OperationsPerInvoke = Ids)]
    public long DeletedAt()
    {
        long sum = 0;
        foreach (var id in _ids)
        {
            sum += _store.DeletedAt("m", id) ?? 0;
        }

        return sum;
    }
}
