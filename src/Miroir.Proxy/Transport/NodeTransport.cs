using System.Runtime.CompilerServices;

namespace Miroir.Proxy.Transport;

/// <summary>
/// The one way out to a node: HTTP/1.1 over a bounded pool of keep-alive sockets, answers in pooled memory, every
/// failure typed (<see cref="NodeErrorKind"/>) and classified once (<see cref="NodeFailures"/>). Never throws for node
/// trouble or cancellation: the answer says what happened.
/// </summary>
public sealed partial class NodeTransport : IDisposable
{
    private readonly NodeEndpoint _endpoint;
    private readonly NodeTransportOptions _options;
    private readonly NodeConnectionPool _pool;
    private readonly ArrayMemoryPool _buffers;
    private readonly TimeProvider _time;
    private volatile bool _disposed;

    /// <param name="address">The node's base address, such as <c>http://10.0.0.7:7700</c> (plain HTTP only).</param>
    public NodeTransport(string nodeId, string address, NodeTransportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        NodeId = nodeId;
        _options = options ?? new NodeTransportOptions();
        _endpoint = NodeEndpoint.Parse(address, _options.BearerToken);
        _time = _options.Time;
        _buffers = new ArrayMemoryPool(_options.BufferPool);
        _pool = new NodeConnectionPool(_options.MaxConnections, _options.IdleTimeout, _time);
    }

    public string NodeId { get; }

    /// <summary>Open connections to the node, busy or idle.</summary>
    public int OpenConnections => _pool.Open;

    /// <summary>Connections waiting in the pool for the next request.</summary>
    public int IdleConnections => _pool.Idle;

    /// <summary>
    /// Sends <paramref name="request"/> and reads the whole answer within the request's deadline. The caller disposes
    /// the answer. A pooled connection found dead before any answer byte is replaced once when the request is
    /// <see cref="NodeRequest.Replayable"/> or was not sent whole.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<NodeAnswer> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var observer = _options.Observer;
        observer?.RequestStarted(NodeId);
        var start = _time.GetTimestamp();
        var timeout = request.Timeout > TimeSpan.Zero ? request.Timeout : _options.Timeout;
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var link = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline);
        NodeConnection? connection = null;
        var entered = false;
        var connecting = false;
        var settled = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (!entered)
                    {
                        await _pool.EnterAsync(deadline.Token).ConfigureAwait(false);
                        entered = true;
                    }

                    connection = attempt == 0 ? _pool.TakeIdle() : null;
                    if (connection is null)
                    {
                        connecting = true;
                        connection = await NodeConnection.ConnectAsync(_endpoint.EndPoint, _buffers, deadline.Token).ConfigureAwait(false);
                        _pool.Opened();
                        connecting = false;
                    }

                    connection.Begin();
                    await WriteAsync(connection, request, deadline.Token).ConfigureAwait(false);
                    var (answer, keepAlive) = await ReadAsync(connection, request.Method, deadline.Token).ConfigureAwait(false);
                    connection.Exchanges++;
                    if (keepAlive && !_disposed && !connection.HasUnreadBytes())
                    {
                        _pool.Return(connection);
                    }
                    else
                    {
                        _pool.Drop(connection);
                        _pool.Leave();
                    }

                    settled = true;
                    observer?.RequestFinished(NodeId, new NodeExchange(answer.ErrorKind, answer.Status, _time.GetElapsedTime(start),
                        connection.BytesSent, connection.BytesReceived, request.IsRead));
                    return answer;
                }
                catch (Exception e) when (NodeFailures.KindOf(e, cancellationToken, connecting) is { } kind)
                {
                    connecting = false;
                    var sent = connection?.BytesSent ?? 0;
                    var received = connection?.BytesReceived ?? 0;
                    var replay = attempt == 0 && kind == NodeErrorKind.ConnectionReset
                        && connection is { Exchanges: > 0, Answering: false } && (request.Replayable || !connection.Sent);
                    if (connection is not null)
                    {
                        _pool.Drop(connection);
                        connection = null;
                    }

                    if (replay)
                    {
                        // The node closed a pooled connection before this request reached it: a fresh one will do.
                        continue;
                    }

                    var answer = NodeAnswer.Failed(kind, Describe(kind, e, timeout));
                    observer?.RequestFinished(NodeId, new NodeExchange(kind, 0, _time.GetElapsedTime(start), sent, received, request.IsRead));
                    return answer;
                }
            }
        }
        finally
        {
            if (!settled && entered)
            {
                // Failed (or a bug threw): whatever connection is left cannot be trusted.
                if (connection is not null)
                {
                    _pool.Drop(connection);
                }

                _pool.Leave();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
    }

    private string Describe(NodeErrorKind kind, Exception e, TimeSpan timeout) => kind switch
    {
        NodeErrorKind.Timeout => $"node `{NodeId}` did not answer within {timeout.TotalMilliseconds} ms",
        NodeErrorKind.Canceled => $"request to node `{NodeId}` was cancelled",
        _ => $"node `{NodeId}` is unreachable: {e.Message}",
    };
}
