namespace Miroir.Core.Configuration;

/// <summary>The <c>server</c> section: the orchestrator's own listeners.</summary>
public sealed record ServerConfig
{
    public int Port { get; init; } = 7700;

    /// <summary>Address to listen on: an IP address or a host name.</summary>
    public string Bind { get; init; } = "0.0.0.0";

    public long MaxBodyBytes { get; init; } = 104857600;

    /// <summary>Separate metrics listener; 0 serves metrics on the main port only.</summary>
    public int MetricsPort { get; init; } = 9090;

    /// <summary>
    /// Runs request handling on the socket event threads (Kestrel's inline scheduling and inline socket
    /// completions) instead of handing each read and write to the thread pool: fewer context switches per
    /// request, but a handler that blocks stalls every connection of its event thread.
    /// </summary>
    public bool InlineIo { get; init; }
}
