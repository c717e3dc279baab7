using Miroir.Storage.Workers;
using Miroir.Tests.Shared;

namespace Miroir.Storage.Tests.Workers;

public sealed class PeriodicWorkerUnitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Start_VirtualTimeAdvances_OnePassPerInterval()
    {
        var time = new TimerCountingTimeProvider();
        var passes = 0;
        await using var worker = new PeriodicWorker(Interval, time, _ => { Interlocked.Increment(ref passes); return Task.CompletedTask; }, e => Assert.Fail(e.ToString()));
        worker.Start();

        await ParkedAsync(time);
        Assert.Equal(0, Volatile.Read(ref passes)); // the first pass is one interval after start
        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Volatile.Read(ref passes));
        for (var expected = 1; expected <= 3; expected++)
        {
            time.Advance(expected == 1 ? TimeSpan.FromSeconds(1) : Interval);
            await UntilAsync(() => Volatile.Read(ref passes) == expected);
            await ParkedAsync(time);
        }

        Assert.Equal(3, Volatile.Read(ref passes));
    }

    [Fact]
    public async Task RunSoon_BeforeTheInterval_RunsAPassWithoutTimeMoving()
    {
        var time = new TimerCountingTimeProvider();
        var passes = 0;
        await using var worker = new PeriodicWorker(Interval, time, _ => { Interlocked.Increment(ref passes); return Task.CompletedTask; }, e => Assert.Fail(e.ToString()));
        worker.Start();
        await ParkedAsync(time);

        worker.RunSoon();

        await UntilAsync(() => Volatile.Read(ref passes) == 1);
    }

    [Fact]
    public async Task Pass_Throws_ReportedAndTheNextPassStillRuns()
    {
        var time = new TimerCountingTimeProvider();
        var passes = 0;
        var failures = 0;
        await using var worker = new PeriodicWorker(Interval, time, _ =>
            Interlocked.Increment(ref passes) == 1 ? throw new InvalidOperationException("first pass fails") : Task.CompletedTask,
            _ => Interlocked.Increment(ref failures), runAtStart: true);
        worker.Start();
        await UntilAsync(() => Volatile.Read(ref failures) == 1);
        await ParkedAsync(time);

        time.Advance(Interval);

        await UntilAsync(() => Volatile.Read(ref passes) == 2);
        Assert.Equal(1, Volatile.Read(ref failures));
    }

    [Fact]
    public async Task Stop_PassRunning_CancelsItAndAwaitsIt()
    {
        var time = new TimerCountingTimeProvider();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        var worker = new PeriodicWorker(Interval, time, async ct =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        }, e => Assert.Fail(e.ToString()), runAtStart: true);
        worker.Start();
        await entered.Task.WaitAsync(Wait);

        await worker.StopAsync().WaitAsync(Wait);

        Assert.True(cancelled);
    }

    /// <summary>Waits until the worker sleeps on its virtual delay, so advancing the clock reaches it.</summary>
    private static Task ParkedAsync(TimerCountingTimeProvider time) => UntilAsync(() => time.TimersCreated > 0);

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
