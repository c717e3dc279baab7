using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Reads;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>The hedge decision on virtual time: the hedge goes out exactly when the primary's hedge delay has passed.</summary>
public sealed class HedgedSendVirtualTimeTests
{
    [Fact]
    public async Task Send_PrimarySilentPastHedgeDelayOnVirtualTime_HedgeAnswers()
    {
        var time = new TimerCountingTimeProvider();
        await using var silent = await FakeNode.StartAsync(answers: false);
        await using var fast = await FakeNode.StartAsync(answers: true);
        using var state = new ClusterState(new MiroirConfig
        {
            Shards = 4,
            ReplicationFactor = 2,
            Nodes = [new NodeConfig { Id = "node-0", Address = silent.Url }, new NodeConfig { Id = "node-1", Address = fast.Url }],
        });
        state.SetIndex(new IndexMeta("books", "id", 4));
        var cluster = new ReadCluster { Hedging = new HedgingConfig(), Time = time };
        var index = ReadIndex.Find(state.View, "books")!;
        for (var i = 0; i < 8; i++)
        {
            cluster.Loads.For("node-0").Answered(10);
            cluster.Loads.For("node-1").Answered(10);
        }

        var run = new ScatterRun(cluster, index, static _ => NodeCall.Post("/search", "{}"u8.ToArray()), 0, 0);
        var target = new NodeTarget(0, [.. index.Map.GetShards(0)], Restrict: true);
        var delay = run.HedgeDelay(target) ?? throw new InvalidOperationException("no hedge delay");

        var send = HedgedSend.SendAsync(run, target, CancellationToken.None);
        await UntilAsync(() => time.TimersCreated > 0 && silent.Requests == 1);
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.False(send.IsCompleted); // real time passing does not fire the hedge: only the virtual clock does
        Assert.Equal(0, fast.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));

        var outcome = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fast.Requests);
        Assert.Equal(1, outcome[0].Target.Ordinal);
        Assert.False(outcome[0].Failed);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }

    /// <summary>A node on loopback that answers <c>{}</c> at once, or never (until its request is aborted).</summary>
    private sealed class FakeNode : IAsyncDisposable
    {
        private LoopbackServer? _server;
        private int _requests;

        public string Url => _server!.Url;

        /// <summary>Requests received (counted on arrival).</summary>
        public int Requests => Volatile.Read(ref _requests);

        public static async Task<FakeNode> StartAsync(bool answers)
        {
            var node = new FakeNode();
            node._server = await LoopbackServer.StartAsync(app => app.Run(async ctx =>
            {
                Interlocked.Increment(ref node._requests);
                if (!answers)
                {
                    await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return;
                }

                ctx.Response.ContentType = "application/json";
                await ctx.Response.Body.WriteAsync("{}"u8.ToArray());
            }));
            return node;
        }

        public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
