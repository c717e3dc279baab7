namespace Miroir.Proxy.Tasks;

/// <summary>
/// Lets many state mutations (append, then apply in memory) run at once, and a snapshot wait until none is
/// in flight and hold new ones back while it copies the state. Only one closer at a time (the snapshot worker).
/// </summary>
internal sealed class StateGate
{
    private readonly Lock _sync = new();
    private int _active;
    private int _waiting;
    private TaskCompletionSource? _closed;
    private TaskCompletionSource? _drained;

    /// <summary>Enters a mutation; waits while the gate is closed.</summary>
    public async ValueTask EnterAsync()
    {
        Task wait;
        lock (_sync)
        {
            if (_closed is null)
            {
                _active++;
                return;
            }

            _waiting++;
            wait = _closed.Task;
        }

        // Open() counted this caller as active already, so a closer right after cannot starve it.
        await wait.ConfigureAwait(false);
    }

    public void Exit()
    {
        lock (_sync)
        {
            _active--;
            if (_active == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Closes the gate and completes once every mutation in flight has exited.</summary>
    public Task CloseAsync()
    {
        lock (_sync)
        {
            _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_active == 0)
            {
                _drained.SetResult();
            }

            return _drained.Task;
        }
    }

    public void Open()
    {
        TaskCompletionSource? closed;
        lock (_sync)
        {
            closed = _closed;
            _closed = null;
            _drained = null;
            _active += _waiting;
            _waiting = 0;
        }

        closed?.SetResult();
    }
}
