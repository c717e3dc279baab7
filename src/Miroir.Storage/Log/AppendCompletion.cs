using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace Miroir.Storage.Log;

/// <summary>A pooled, reusable awaitable for one append, so acknowledging a record allocates nothing.</summary>
internal sealed class AppendCompletion : IValueTaskSource<long>
{
    private const int MaxPooled = 4096;
    private static readonly ConcurrentQueue<AppendCompletion> Pool = new();
    private static int _pooled;

    // Continuations run on the thread pool, never inline on the log's writer thread.
    private ManualResetValueTaskSourceCore<long> _core = new() { RunContinuationsAsynchronously = true };

    public static AppendCompletion Rent()
    {
        if (Pool.TryDequeue(out var completion))
        {
            Interlocked.Decrement(ref _pooled);
            return completion;
        }
        return new AppendCompletion();
    }

    public ValueTask<long> Task => new(this, _core.Version);

    public void SetResult(long lsn) => _core.SetResult(lsn);

    public void SetException(Exception error) => _core.SetException(error);

    public long GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            if (Interlocked.Increment(ref _pooled) <= MaxPooled)
                Pool.Enqueue(this);
            else
                Interlocked.Decrement(ref _pooled);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
