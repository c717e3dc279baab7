namespace Miroir.Proxy.Server;

/// <summary>Process-level knobs of an orchestrator that are not part of <c>miroir.yaml</c> (tests and <c>miroir dev</c> set them).</summary>
public sealed record ProxyServerOptions
{
    /// <summary>Overrides <c>server.port</c> (0 = an ephemeral port, see <see cref="ProxyServer.Url"/>).</summary>
    public int? Port { get; init; }

    /// <summary>Overrides <c>server.metrics_port</c>: 0 = an ephemeral port (see <see cref="ProxyServer.MetricsUrl"/>), -1 = no metrics listener.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>Overrides <c>server.bind</c>.</summary>
    public string? Bind { get; init; }

    /// <summary>The clock of task timestamps, polling and pruning.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often unfinished tasks are looked up on their nodes.</summary>
    public TimeSpan TaskPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Finished tasks older than this are pruned (spec §6: 7 days).</summary>
    public TimeSpan TaskTtl { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often copies live nodes owe (a write they missed while up) are repaired; returning nodes are repaired at once.</summary>
    public TimeSpan HintRepairInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Share of wall time a scheduled anti-entropy pass spends reading replicas (it idles the rest), so a pass stays near
    /// 2% of a node's time; 1 reads back to back. Passes asked for through the API are never paced.
    /// </summary>
    public double AntiEntropyDutyCycle { get; init; } = 0.02;

    /// <summary>Keep the host's console logging (the <c>serve</c>/<c>dev</c> commands); tests run silent.</summary>
    public bool ConsoleLogging { get; init; }
}
