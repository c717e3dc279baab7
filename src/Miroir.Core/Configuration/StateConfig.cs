using System.Text;

namespace Miroir.Core.Configuration;

/// <summary>The <c>state</c> section: where the orchestrator keeps its durable state.</summary>
public sealed record StateConfig
{
    public StateBackend Backend { get; init; } = StateBackend.Log;

    /// <summary>Folder of the local append-only log (<c>path</c>).</summary>
    public string Path { get; init; } = "./data/miroir";

    /// <summary>Bytes of log records after which the orchestrator snapshots its state and deletes the older log (<c>snapshot_after_bytes</c>).</summary>
    public long SnapshotAfterBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Redis connection string (<c>redis_url</c>); may carry a password, so it is redacted.</summary>
    public string RedisUrl { get; init; } = "";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Backend = ").Append(Backend)
            .Append(", Path = ").Append(Path)
            .Append(", SnapshotAfterBytes = ").Append(SnapshotAfterBytes)
            .Append(", RedisUrl = ").Append(Redact.Secret(RedisUrl));
        return true;
    }
}
