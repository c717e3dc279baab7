using Microsoft.Extensions.Time.Testing;

namespace Miroir.Tests.Shared;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers code under test created: a test waits until the code
/// parks on its delay (a timer exists) before it moves the clock, so the move is never lost to a race.
/// </summary>
public sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _created;

    /// <summary>Timers created so far (delays, periodic timers, deadlines).</summary>
    public int TimersCreated => Volatile.Read(ref _created);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
