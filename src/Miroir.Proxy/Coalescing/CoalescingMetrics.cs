using System.Diagnostics.Metrics;

namespace Miroir.Proxy.Coalescing;

/// <summary><c>miroir_query_coalesce_subscribers_total</c> and <c>miroir_query_coalesce_hits_total</c> (spec §13.10).</summary>
internal sealed class CoalescingMetrics
{
    private readonly Counter<long> _subscribers;
    private readonly Counter<long> _hits;

    public CoalescingMetrics(Meter meter)
    {
        _subscribers = meter.CreateCounter<long>("miroir_query_coalesce_subscribers_total",
            description: "Searches that went through query coalescing: each started a scatter or joined one.");
        _hits = meter.CreateCounter<long>("miroir_query_coalesce_hits_total",
            description: "Searches answered by an identical search's scatter instead of their own.");
        _subscribers.Add(0);
        _hits.Add(0);
    }

    public void Subscriber() => _subscribers.Add(1);

    public void Hit() => _hits.Add(1);
}
