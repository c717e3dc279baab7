using HdrHistogram;

namespace Miroir.Load;

/// <summary>Latency histograms (µs) and error counts of one phase, per operation kind.</summary>
internal sealed class PhaseResult(string name)
{
    private readonly LongConcurrentHistogram[] _latency = [.. Enum.GetValues<Operation>().Select(_ => new LongConcurrentHistogram(1, 600_000_000, 3))];
    private readonly long[] _errors = new long[Enum.GetValues<Operation>().Length];

    public string Name { get; } = name;

    public TimeSpan Elapsed { get; set; }

    public void Record(Outcome outcome, long micros)
    {
        _latency[(int)outcome.Operation].RecordValue(Math.Max(1, micros));
        if (!outcome.Ok)
        {
            Interlocked.Increment(ref _errors[(int)outcome.Operation]);
        }
    }

    public LongConcurrentHistogram Latency(Operation operation) => _latency[(int)operation];

    public long Errors(Operation operation) => Interlocked.Read(ref _errors[(int)operation]);

    public long Count(Operation operation) => _latency[(int)operation].TotalCount;

    public long TotalCount => _latency.Sum(h => h.TotalCount);

    public long TotalErrors => _errors.Sum();
}
