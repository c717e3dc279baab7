using System.Net;
using Miroir.Core.Configuration;
using Miroir.Core.Routing;
using Miroir.Proxy.Reads;
using Miroir.Storage.Tests.Workers;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>The hedge decision on virtual time: the hedge goes out exactly when the primary's hedge delay has passed.</summary>
public sealed class HedgedSendUnitTests
{
    [Fact]
    public async Task Send_PrimarySilentPastHedgeDelayOnVirtualTime_HedgeAnswers()
    {
        var time = new VirtualTimeProvider();
        var silentHandler = new NodeHandler(answers: false);
        using var silent = new HttpMessageInvoker(silentHandler);
        var fastHandler = new NodeHandler(answers: true);
        using var fast = new HttpMessageInvoker(fastHandler);
        var cluster = new ReadCluster
        {
            FindIndex = _ => null,
            ListIndexes = () => [],
            NodeClient = ordinal => ordinal == 0 ? silent : fast,
            Hedging = new HedgingConfig(),
            Time = time,
        };
        var map = new ShardMap(new Topology([new TopologyNode("node-0", "http://n0", 0), new TopologyNode("node-1", "http://n1", 0)], 2, 1), 4);
        for (var i = 0; i < 8; i++)
        {
            cluster.Loads.For("node-0").Answered(10);
            cluster.Loads.For("node-1").Answered(10);
        }

        var run = new ScatterRun(cluster, map, static (address, _) => NodeCall.Post(address, "/search", "{}"u8.ToArray()), 0, 0);
        var target = new NodeTarget(0, [.. map.GetShards(0)], Restrict: true);
        var delay = run.HedgeDelay(target) ?? throw new InvalidOperationException("no hedge delay");

        var send = HedgedSend.SendAsync(run, target, CancellationToken.None);
        await UntilAsync(() => time.PendingTimers > 0 && silentHandler.Requests == 1);
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        Assert.False(send.IsCompleted); // real time passing does not fire the hedge: only the virtual clock does
        Assert.Equal(0, fastHandler.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));

        var outcome = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, fastHandler.Requests);
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

    /// <summary>A node that answers <c>{}</c> at once, or never (until its request is cancelled).</summary>
    private sealed class NodeHandler(bool answers) : HttpMessageHandler
    {
        private int _requests;

        /// <summary>Requests received (counted on arrival).</summary>
        public int Requests => Volatile.Read(ref _requests);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (!answers)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        }
    }
}
