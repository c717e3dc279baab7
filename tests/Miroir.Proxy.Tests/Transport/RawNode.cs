using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Miroir.Proxy.Tests.Transport;

/// <summary>
/// A scripted HTTP server on a raw <see cref="TcpListener"/> for what Kestrel never does: answers cut short, garbage,
/// connections closed at chosen moments. Each accepted connection runs the script with its ordinal.
/// </summary>
internal sealed class RawNode : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawExchange, int, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly Task _accepting;
    private int _accepted;

    private RawNode(Func<RawExchange, int, Task> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Accepted => Volatile.Read(ref _accepted);

    /// <param name="script">Runs once per connection: (the connection, its ordinal from 0).</param>
    public static RawNode Start(Func<RawExchange, int, Task> script) => new(script);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var ordinal = Interlocked.Increment(ref _accepted) - 1;
            lock (_running)
            {
                _running.Add(RunAsync(client, ordinal));
            }
        }
    }

    private async Task RunAsync(TcpClient client, int ordinal)
    {
        using (client)
        {
            try
            {
                await _script(new RawExchange(client.GetStream(), _stop.Token), ordinal);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away: the script's job is done.
            }
        }
    }
}

/// <summary>One raw connection as a script sees it: read a request head, write bytes, close.</summary>
internal sealed class RawExchange(NetworkStream stream, CancellationToken stop)
{
    private readonly List<byte> _buffered = [];

    /// <summary>Reads one request head (and its Content-Length body); null when the client closed the connection.</summary>
    public async Task<string?> ReadRequestAsync()
    {
        var chunk = new byte[4096];
        while (true)
        {
            var text = Encoding.Latin1.GetString([.. _buffered]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..end];
                var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim());
                if (_buffered.Count >= end + 4 + length)
                {
                    _buffered.RemoveRange(0, end + 4 + length);
                    return head;
                }
            }

            var read = await stream.ReadAsync(chunk, stop);
            if (read == 0)
            {
                return null;
            }

            _buffered.AddRange(chunk.AsSpan(0, read));
        }
    }

    public async Task WriteAsync(string text)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), stop);
        await stream.FlushAsync(stop);
    }

    /// <summary>A complete keep-alive answer with a Content-Length body.</summary>
    public Task AnswerAsync(string body, int status = 200) =>
        WriteAsync($"HTTP/1.1 {status} OK\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nContent-Type: application/json\r\n\r\n{body}");

    /// <summary>Waits until the client closes (or the server stops).</summary>
    public async Task DrainAsync()
    {
        var chunk = new byte[4096];
        while (await stream.ReadAsync(chunk, stop) > 0)
        {
        }
    }
}
