using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>How a <see cref="NodeTransport"/> talks to its node: pool bounds, deadlines, key, clock and buffers.</summary>
public sealed class NodeTransportOptions
{
    /// <summary>Enough parallel requests for a busy orchestrator without letting one node exhaust sockets.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>An idle pooled connection is closed after this long.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The deadline of a request that sets none itself (waiting for a connection, connecting, sending, reading).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as <c>Authorization: Bearer …</c> on every request; null or empty sends none.</summary>
    public string? BearerToken { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where answer bodies and connection buffers are rented from.</summary>
    public ArrayPool<byte> BufferPool { get; init; } = ArrayPool<byte>.Shared;

    public INodeTransportObserver? Observer { get; init; }
}
