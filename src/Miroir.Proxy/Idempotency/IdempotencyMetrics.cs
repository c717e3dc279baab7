using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Idempotency;

/// <summary><c>miroir_idempotency_hits_total{outcome}</c> and <c>miroir_idempotency_cache_size</c> (spec §13.10).</summary>
internal sealed class IdempotencyMetrics
{
    private static readonly KeyValuePair<string, object?> DedupTag = new("outcome", "dedup");
    private static readonly KeyValuePair<string, object?> ConflictTag = new("outcome", "conflict");
    private static readonly KeyValuePair<string, object?> MissTag = new("outcome", "miss");
    private readonly Counter<long> _hits;

    public IdempotencyMetrics(Meter meter, IdempotencyKeys keys)
    {
        _hits = meter.CreateCounter<long>("miroir_idempotency_hits_total",
            description: "Write requests carrying an Idempotency-Key: dedup (answered again), conflict (key reused with another request), miss (ran).");
        _hits.Add(0, DedupTag);
        _hits.Add(0, ConflictTag);
        _hits.Add(0, MissTag);
        meter.CreateObservableGauge<double>("miroir_idempotency_cache_size", () => keys.Count,
            description: "Idempotency keys held (answered or in flight).");
    }

    public void Dedup() => _hits.Add(1, DedupTag);

    public void Conflict() => _hits.Add(1, ConflictTag);

    public void Miss() => _hits.Add(1, MissTag);
}
