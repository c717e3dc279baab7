using Microsoft.Extensions.Logging;

namespace Miroir.Engine.Node;

/// <summary>How to run one engine node: where it listens, where it keeps its data, its master key.</summary>
public sealed record NodeOptions
{
    /// <summary>TCP port; 0 picks a free one (see NodeServer.Url).</summary>
    public int Port { get; init; } = 7700;

    /// <summary>Address to bind, 127.0.0.1 by default so a dev node is not exposed.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The data directory (created if missing); holds the log and snapshots.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>When set, every route but <c>/health</c> requires an API key.</summary>
    public string? MasterKey { get; init; }

    /// <summary>Largest accepted request body (Meilisearch's default: 100 MB).</summary>
    public long MaxBodyBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>
    /// A snapshot is written (and the log compacted) once this many log bytes accumulated, or an
    /// eighth of it when the node runs out of tasks. A restart replays at most this much log
    /// (re-indexing its documents, ~80 µs each), so it bounds the restart time.
    /// </summary>
    public long SnapshotThresholdBytes { get; init; } = DefaultSnapshotThresholdBytes;

    /// <summary>32 MB: a restart replays at most ~3 s of re-indexing (docs/benchmarks.md, engine node restart).</summary>
    public const long DefaultSnapshotThresholdBytes = 32L * 1024 * 1024;

    /// <summary>Adds log providers (the <c>node</c> and <c>dev</c> commands add the console, tests a capturing one); none: silent.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>The clock for task timestamps; tests may inject their own.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
