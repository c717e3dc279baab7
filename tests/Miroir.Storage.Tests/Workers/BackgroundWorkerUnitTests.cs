using Miroir.Storage.Workers;

namespace Miroir.Storage.Tests.Workers;

public sealed class BackgroundWorkerUnitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stop_LoopRunning_CancelsAndAwaitsTheLoop()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = false;
        var worker = new BackgroundWorker(async ct =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                await Task.Delay(50, CancellationToken.None); // cleanup the stop must wait for
                exited = true;
            }
        }, e => Assert.Fail(e.ToString()));
        worker.Start();
        await entered.Task.WaitAsync(Wait);

        await worker.StopAsync().WaitAsync(Wait);

        Assert.True(exited);
    }

    [Fact]
    public async Task Loop_Throws_ExceptionReportedAndStopReturns()
    {
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new BackgroundWorker(_ => throw new InvalidOperationException("boom"), e => reported.SetResult(e));
        worker.Start();

        var e = await reported.Task.WaitAsync(Wait);
        await worker.StopAsync().WaitAsync(Wait);

        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public async Task Stop_NeverStarted_ReturnsAndSecondStopIsHarmless()
    {
        var worker = new BackgroundWorker(_ => Task.CompletedTask, e => Assert.Fail(e.ToString()));

        await worker.StopAsync().WaitAsync(Wait);
        await worker.DisposeAsync();
    }
}
