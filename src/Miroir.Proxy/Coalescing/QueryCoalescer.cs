using System.Collections.Concurrent;
using System.IO.Hashing;
using Miroir.Core.Configuration;

namespace Miroir.Proxy.Coalescing;

/// <summary>
/// Query coalescing (spec §13.10), per orchestrator process: a search whose identity (index, settings version, the
/// caller's credentials and the request as sent, see <c>SearchIdentity</c>) equals one in flight that started at most
/// <c>window_ms</c> ago subscribes to that one's scatter and gets the same bytes. A finished scatter is forgotten at once.
/// </summary>
internal sealed class QueryCoalescer<T>(QueryCoalescingConfig config, TimeProvider time, CoalescingMetrics metrics)
{
    private readonly ConcurrentDictionary<UInt128, CoalescedRun<T>> _runs = new();
    private readonly long _window = config.WindowMs * time.TimestampFrequency / 1000;

    /// <summary>Scatters in flight that others may join.</summary>
    public int Pending => _runs.Count;

    /// <summary>Subscribes to the identical run in flight, or starts <paramref name="run"/> as one others may join.</summary>
    public async Task<T> RunAsync<TState>(byte[] identity, TState state, Func<TState, CancellationToken, Task<T>> run, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(run);
        metrics.Subscriber();
        var key = XxHash128.HashToUInt128(identity);
        var now = time.GetTimestamp();
        if (_runs.TryGetValue(key, out var current) && now - current.Started <= _window
            && identity.AsSpan().SequenceEqual(current.Identity) && current.TryJoin(config.MaxSubscribers))
        {
            metrics.Hit();
            try
            {
                return await current.Result.WaitAsync(requestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
            {
                current.Leave();
                throw;
            }
        }

        // Full, or another identical search became the leader a moment ago: this one runs alone.
        using var mine = new CoalescedRun<T>(identity, now);
        if (_runs.Count >= config.MaxPendingQueries || !(current is null ? _runs.TryAdd(key, mine) : _runs.TryUpdate(key, mine, current)))
        {
            return await run(state, requestAborted).ConfigureAwait(false);
        }

        try
        {
            using (requestAborted.UnsafeRegister(static r => ((CoalescedRun<T>)r!).Leave(), mine))
            {
                var result = await run(state, mine.Abandoned).ConfigureAwait(false);
                mine.Complete(result);
                return result;
            }
        }
        catch (Exception e)
        {
            mine.Fail(e);
            throw;
        }
        finally
        {
            _runs.TryRemove(new KeyValuePair<UInt128, CoalescedRun<T>>(key, mine));
        }
    }
}
