namespace Miroir.Proxy.Transport;

/// <summary>
/// A node's keep-alive connections: at most <c>max</c> exchanges at once (each holds a slot and one connection),
/// idle connections reused last-in first-out (the warmest socket, and the cold ones age out), closed after the idle
/// timeout by a timer on the transport's clock.
/// </summary>
internal sealed class NodeConnectionPool : IDisposable
{
    private readonly SemaphoreSlim _slots;
    // Pushed and popped at the end; the oldest idle connections sit at the start, where the sweep trims them.
    private readonly List<NodeConnection> _idle = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly ITimer _sweep;
    private int _open;
    private bool _disposed;

    public NodeConnectionPool(int max, TimeSpan idleTimeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        _slots = new SemaphoreSlim(max, max);
        _time = time;
        _idleTimeout = idleTimeout;
        _sweep = time.CreateTimer(static pool => ((NodeConnectionPool)pool!).Sweep(), this, idleTimeout, idleTimeout);
    }

    /// <summary>Open connections, idle or busy.</summary>
    public int Open => Volatile.Read(ref _open);

    public int Idle
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Waits for a free slot (the pool's bound); every successful wait is paired with <see cref="Return"/> or <see cref="Leave"/>.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Frees a slot whose exchange gave its connection up (or never had one).</summary>
    public void Leave() => _slots.Release();

    /// <summary>The most recently used idle connection that still looks alive, or null (connect a new one).</summary>
    public NodeConnection? TakeIdle()
    {
        var now = _time.GetTimestamp();
        while (true)
        {
            NodeConnection connection;
            lock (_idle)
            {
                if (_idle.Count == 0)
                {
                    return null;
                }

                connection = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
            }

            if (_time.GetElapsedTime(connection.IdleSince, now) < _idleTimeout && connection.LooksReusable())
            {
                return connection;
            }

            Close(connection);
        }
    }

    /// <summary>Counts a connection opened for a slot.</summary>
    public void Opened() => Interlocked.Increment(ref _open);

    /// <summary>Puts a healthy connection back and frees its slot.</summary>
    public void Return(NodeConnection connection)
    {
        connection.IdleSince = _time.GetTimestamp();
        var closed = false;
        lock (_idle)
        {
            if (_disposed)
            {
                closed = true;
            }
            else
            {
                _idle.Add(connection);
            }
        }

        if (closed)
        {
            Close(connection);
        }

        _slots.Release();
    }

    /// <summary>Closes a connection that must not be reused; its slot stays taken (a retry may use it).</summary>
    public void Drop(NodeConnection connection) => Close(connection);

    public void Dispose()
    {
        _sweep.Dispose();
        NodeConnection[] idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            Close(connection);
        }
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        List<NodeConnection>? expired = null;
        lock (_idle)
        {
            var count = 0;
            while (count < _idle.Count && _time.GetElapsedTime(_idle[count].IdleSince, now) >= _idleTimeout)
            {
                count++;
            }

            if (count > 0)
            {
                expired = _idle.GetRange(0, count);
                _idle.RemoveRange(0, count);
            }
        }

        expired?.ForEach(Close);
    }

    private void Close(NodeConnection connection)
    {
        connection.Dispose();
        Interlocked.Decrement(ref _open);
    }
}
