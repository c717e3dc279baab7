using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Miroir.Proxy.Transport;

/// <summary>One keep-alive TCP connection to a node, read and written through pipes over pooled buffers.</summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private NodeConnection(Socket socket, ArrayMemoryPool pool)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(pool, ArrayMemoryPool.BlockSize, minimumReadSize: 2048, leaveOpen: true));
        Writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(pool, ArrayMemoryPool.BlockSize, leaveOpen: true));
    }

    public PipeReader Reader { get; }

    public PipeWriter Writer { get; }

    /// <summary>Requests this connection has completed: above zero it came from the pool and may have died there.</summary>
    public int Exchanges { get; set; }

    /// <summary>When it went back to the pool (a <see cref="TimeProvider"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>The current request was written and flushed whole.</summary>
    public bool Sent { get; set; }

    /// <summary>At least one byte of the current answer arrived: replaying the request is no longer safe.</summary>
    public bool Answering { get; set; }

    public long BytesSent { get; set; }

    public long BytesReceived { get; set; }

    /// <summary>Resets the per-exchange state before a request is written.</summary>
    public void Begin()
    {
        Sent = Answering = false;
        BytesSent = BytesReceived = 0;
    }

    public static async ValueTask<NodeConnection> ConnectAsync(EndPoint endPoint, ArrayMemoryPool pool, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NodeConnection(socket, pool);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// False when the node closed the connection while it sat in the pool (or sent bytes nobody asked for): a
    /// readable idle socket is one at its end. A race with a close in flight is left to the retry.
    /// </summary>
    public bool LooksReusable()
    {
        try
        {
            return !_socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>True when bytes beyond the answer are already buffered: the connection's framing cannot be trusted.</summary>
    public bool HasUnreadBytes()
    {
        if (!Reader.TryRead(out var result))
        {
            return false;
        }

        Reader.AdvanceTo(result.Buffer.Start);
        return !result.Buffer.IsEmpty || result.IsCompleted;
    }

    public void Dispose()
    {
        // The socket first: a pipe completing over a live stream could try to flush into it.
        _stream.Dispose();
        Reader.Complete();
        try
        {
            Writer.Complete();
        }
        catch (IOException)
        {
            // Unflushed bytes of a broken exchange cannot be written to a closed socket; they are dropped.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
