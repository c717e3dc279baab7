namespace Miroir.Proxy.Coalescing;

/// <summary>
/// One shared scatter and the requests subscribed to it. It runs on <see cref="Abandoned"/>, which is cancelled only
/// when every subscriber's client has gone: one client leaving never cancels the answer the others wait for.
/// </summary>
internal sealed class CoalescedRun<T>(byte[] identity, long started) : IDisposable
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abandoned = new();
    private readonly Lock _gate = new();
    private int _subscribers = 1;
    private bool _closed;

    /// <summary>The request identity (see <see cref="QueryCoalescer{T}"/>), compared whole: a hash match alone never joins.</summary>
    public byte[] Identity => identity;

    /// <summary>When the run started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long Started => started;

    public CancellationToken Abandoned => _abandoned.Token;

    public Task<T> Result => _result.Task;

    /// <summary>Adds a subscriber unless the run finished, every subscriber left, or it is full.</summary>
    public bool TryJoin(int maxSubscribers)
    {
        lock (_gate)
        {
            if (_closed || _subscribers == 0 || _subscribers >= maxSubscribers)
            {
                return false;
            }

            _subscribers++;
            return true;
        }
    }

    /// <summary>A subscriber's client went away; the last one to leave cancels the scatter.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            if (!_closed && --_subscribers == 0)
            {
                _abandoned.Cancel();
            }
        }
    }

    public void Complete(T result)
    {
        Close();
        _result.TrySetResult(result);
    }

    /// <summary>Every subscriber fails with the scatter's own error.</summary>
    public void Fail(Exception error)
    {
        Close();
        _result.TrySetException(error);

        // Observed here: with no other subscriber, nobody else awaits the failed result.
        _ = _result.Task.Exception;
    }

    public void Dispose()
    {
        Close();
        _abandoned.Dispose();
    }

    private void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
