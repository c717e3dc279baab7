using Miroir.Storage.Workers;

namespace Miroir.Storage.Tests.Workers;

public sealed class BackgroundTasksUnitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stop_WorkRunning_CancelsAndAwaitsIt()
    {
        var tasks = new BackgroundTasks(e => Assert.Fail(e.ToString()));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        Assert.True(tasks.Run(async ct =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                await Task.Delay(50, CancellationToken.None);
                finished = true;
            }
        }));
        await entered.Task.WaitAsync(Wait);

        await tasks.StopAsync().WaitAsync(Wait);

        Assert.True(finished);
        Assert.False(tasks.Run(_ => Task.CompletedTask)); // refused once stopped
    }

    [Fact]
    public async Task Run_WorkThrows_ReportedAndForgotten()
    {
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var tasks = new BackgroundTasks(e => reported.SetResult(e));

        tasks.Run(_ => throw new InvalidOperationException("boom"));

        Assert.Equal("boom", (await reported.Task.WaitAsync(Wait)).Message);
        var deadline = DateTime.UtcNow + Wait;
        while (tasks.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.Equal(0, tasks.Count);
    }
}
