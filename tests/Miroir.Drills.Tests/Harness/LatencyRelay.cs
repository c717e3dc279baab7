using System.Net;
using System.Net.Sockets;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// A loopback TCP relay that holds every byte sent towards the node for <see cref="Delay"/> before passing it on, like
/// <c>tc netem delay</c> on the node's ingress (without root and without touching anyone else's loopback traffic).
/// Everything is delayed: reads, writes and health probes alike. Answers flow back at once.
/// </summary>
public sealed class LatencyRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly TaskCompletionSource<int> _upstream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public LatencyRelay()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accept = AcceptAsync();
    }

    /// <summary>The address to give the orchestrator instead of the node's own.</summary>
    public string Url => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TimeSpan Delay { get; set; }

    /// <summary>Sets the node's port; connections accepted before wait for it.</summary>
    public void Forward(int nodePort) => _upstream.TrySetResult(nodePort);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var node = new TcpClient())
        {
            try
            {
                await node.ConnectAsync(IPAddress.Loopback, await _upstream.Task.WaitAsync(_stop.Token), _stop.Token);
                client.NoDelay = node.NoDelay = true;
                var toNode = PumpAsync(client.GetStream(), node.GetStream(), delayed: true);
                var toClient = PumpAsync(node.GetStream(), client.GetStream(), delayed: false);
                await Task.WhenAny(toNode, toClient);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A side closed: the other side sees its connection drop, as with a real link.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool delayed)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (delayed && Delay > TimeSpan.Zero)
            {
                // Bytes of one connection keep their order; a request is held once, as netem holds its packets.
                await Task.Delay(Delay, _stop.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }
}
