using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Miroir.Core.Configuration;
using Miroir.Proxy.Coalescing;

namespace Miroir.Proxy.Tests.Coalescing;

/// <summary>The coalescer alone (no sockets): who joins whom, the window and bounds, failures and departures.</summary>
public sealed class QueryCoalescerUnitTests : IDisposable
{
    private static readonly byte[] Same = [1, 2, 3];
    private readonly Meter _meter = new("coalescer-test");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Run_IdenticalInFlight_JoinsAndSharesResult()
    {
        var coalescer = Create(new QueryCoalescingConfig());
        var gate = new TaskCompletionSource<int>();
        var runs = 0;

        var leader = coalescer.RunAsync(Same, 0, (_, _) => { runs++; return gate.Task; }, CancellationToken.None);
        var follower = coalescer.RunAsync([1, 2, 3], 0, (_, _) => { runs++; return Task.FromResult(-1); }, CancellationToken.None);
        gate.SetResult(42);

        Assert.Equal((42, 42, 1), (await leader, await follower, runs));
        Assert.Equal(0, coalescer.Pending);
    }

    [Fact]
    public async Task Run_AfterWindow_StartsItsOwn()
    {
        var coalescer = Create(new QueryCoalescingConfig { WindowMs = 50 });
        var gate = new TaskCompletionSource<int>();
        var leader = coalescer.RunAsync(Same, 0, (_, _) => gate.Task, CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(51));
        var late = await coalescer.RunAsync(Same, 0, (_, _) => Task.FromResult(7), CancellationToken.None);
        gate.SetResult(1);

        Assert.Equal((7, 1), (late, await leader));
    }

    [Fact]
    public async Task Run_Full_RunsAlone()
    {
        var coalescer = Create(new QueryCoalescingConfig { MaxSubscribers = 2, MaxPendingQueries = 1 });
        var gate = new TaskCompletionSource<int>();
        var leader = coalescer.RunAsync(Same, 0, (_, _) => gate.Task, CancellationToken.None);
        var joined = coalescer.RunAsync(Same, 0, (_, _) => Task.FromResult(-1), CancellationToken.None);

        var overSubscribed = await coalescer.RunAsync(Same, 0, (_, _) => Task.FromResult(3), CancellationToken.None);
        var overPending = await coalescer.RunAsync([9], 0, (_, _) => Task.FromResult(4), CancellationToken.None);
        gate.SetResult(1);

        Assert.Equal((3, 4, 1, 1), (overSubscribed, overPending, await leader, await joined));
    }

    [Fact]
    public async Task Run_LeaderFails_EverySubscriberGetsTheError()
    {
        var coalescer = Create(new QueryCoalescingConfig());
        var gate = new TaskCompletionSource<int>();
        var leader = coalescer.RunAsync(Same, 0, (_, _) => gate.Task, CancellationToken.None);
        var follower = coalescer.RunAsync(Same, 0, (_, _) => Task.FromResult(0), CancellationToken.None);

        var error = new InvalidOperationException("scatter failed");
        gate.SetException(error);

        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => leader));
        Assert.Same(error, await Assert.ThrowsAsync<InvalidOperationException>(() => follower));
    }

    [Fact]
    public async Task Run_OneSubscriberLeaves_ScatterGoesOnUntilTheLastLeaves()
    {
        var coalescer = Create(new QueryCoalescingConfig());
        CancellationToken scatter = default;
        var gate = new TaskCompletionSource<int>();
        using var leaderClient = new CancellationTokenSource();
        using var followerClient = new CancellationTokenSource();
        var leader = coalescer.RunAsync(Same, 0, (_, token) => { scatter = token; return gate.Task.WaitAsync(token); }, leaderClient.Token);
        var follower = coalescer.RunAsync(Same, 0, (_, _) => Task.FromResult(0), followerClient.Token);

        await leaderClient.CancelAsync();
        Assert.False(scatter.IsCancellationRequested);
        await followerClient.CancelAsync();

        Assert.True(scatter.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follower);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
    }

    public void Dispose() => _meter.Dispose();

    private QueryCoalescer<int> Create(QueryCoalescingConfig config) => new(config, _time, new CoalescingMetrics(_meter));
}
