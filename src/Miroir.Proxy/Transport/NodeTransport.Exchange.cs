using System.Buffers;
using System.Runtime.CompilerServices;

namespace Miroir.Proxy.Transport;

/// <summary>Writing a request and reading its answer on one connection.</summary>
public sealed partial class NodeTransport
{
    /// <summary>Large bodies go out in flushes of this size, so the write pipe never buffers a whole batch.</summary>
    private const int FlushThreshold = 64 * 1024;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteAsync(NodeConnection connection, NodeRequest request, CancellationToken cancellationToken)
    {
        var writer = connection.Writer;
        var headLength = RequestHead.Write(writer, _endpoint, request);
        var unflushed = headLength;
        foreach (var memory in request.Body)
        {
            for (var offset = 0; offset < memory.Length;)
            {
                var count = Math.Min(memory.Length - offset, FlushThreshold);
                writer.Write(memory.Span.Slice(offset, count));
                offset += count;
                unflushed += count;
                if (unflushed >= FlushThreshold)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    unflushed = 0;
                }
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        connection.Sent = true;
        connection.BytesSent = headLength + request.Body.Length;
    }

    /// <returns>The answer, and whether the connection may carry another request.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(NodeAnswer Answer, bool KeepAlive)> ReadAsync(NodeConnection connection, HttpMethod method,
        CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        ResponseHead head;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            connection.Answering |= !buffer.IsEmpty;
            if (ResponseHead.TryParse(buffer, out head, out var end))
            {
                connection.BytesReceived += buffer.Slice(0, end).Length;
                reader.AdvanceTo(end);
                if (head.IsInterim)
                {
                    continue;
                }

                break;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw NodeTransportException.Closed(buffer.IsEmpty ? "connection closed before an answer" : "connection closed mid-head");
            }
        }

        if (ResponseHead.HasNoBody(head.Status, method))
        {
            return (NodeAnswer.Http(head.Status, null), head.KeepAlive);
        }

        var body = new PooledBody(_options.BufferPool);
        try
        {
            if (head.Chunked)
            {
                await ReadChunkedAsync(connection, body, cancellationToken).ConfigureAwait(false);
            }
            else if (head.ContentLength >= 0)
            {
                await ReadLengthAsync(connection, body, head.ContentLength, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadToEndAsync(connection, body, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            body.Release();
            throw;
        }

        return (NodeAnswer.Http(head.Status, body), head.KeepAlive && !head.ReadsToClose);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ReadLengthAsync(NodeConnection connection, PooledBody body, long length, CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        var remaining = length;
        while (remaining > 0)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = Math.Min(buffer.Length, remaining);
            body.Append(buffer.Slice(0, take), remaining);
            remaining -= take;
            connection.BytesReceived += take;
            reader.AdvanceTo(buffer.GetPosition(take));
            if (remaining > 0 && result.IsCompleted)
            {
                throw NodeTransportException.Closed($"connection closed after {length - remaining} of {length} body bytes");
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ReadChunkedAsync(NodeConnection connection, PooledBody body, CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        var decoder = new ChunkedDecoder();
        while (!decoder.IsDone)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var stop = decoder.Decode(buffer, body);
            connection.BytesReceived += buffer.Slice(0, stop).Length;
            reader.AdvanceTo(stop, buffer.End);
            if (!decoder.IsDone && result.IsCompleted)
            {
                throw NodeTransportException.Closed("connection closed mid chunked body");
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ReadToEndAsync(NodeConnection connection, PooledBody body, CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            body.Append(buffer, -1);
            connection.BytesReceived += buffer.Length;
            reader.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
