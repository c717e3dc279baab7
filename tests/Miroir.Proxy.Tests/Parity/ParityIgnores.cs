namespace Miroir.Proxy.Tests.Parity;

/// <summary>Members the parity tests leave out, each for a reason listed in docs/api-compatibility.md.</summary>
internal static class ParityIgnores
{
    public static readonly IReadOnlySet<string> Timing = JsonDiff.Timing;

    /// <summary>Index dates: each node stamps its own creation and update time.</summary>
    public static readonly IReadOnlySet<string> IndexDates = Set("createdAt", "updatedAt");

    /// <summary>Stats sizes: bytes on disk are the nodes' own (several stores, each with its overhead).</summary>
    public static readonly IReadOnlySet<string> Stats = Set("rawDocumentDbSize", "avgDocumentSize");

    /// <summary>Task identity and timing: Miroir numbers and times its own tasks.</summary>
    public static readonly IReadOnlySet<string> Task = Set("uid", "taskUid", "batchUid", "enqueuedAt", "startedAt", "finishedAt", "duration");

    /// <summary>Federated totals: a document several queries match counts once per query (one node counts it once).</summary>
    public static readonly IReadOnlySet<string> FederatedTotals = Set("estimatedTotalHits", "totalHits", "totalPages");

    private static HashSet<string> Set(params string[] names) => new(names.Concat(JsonDiff.Timing), StringComparer.Ordinal);
}
