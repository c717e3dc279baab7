namespace Miroir.Meili.Tasks;

/// <summary>Meilisearch's task statuses and task types, as spelled on the wire and listed in its error messages.</summary>
public static class TaskNames
{
    public const string Enqueued = "enqueued";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static IReadOnlyList<string> Statuses { get; } = [Enqueued, Processing, Succeeded, Failed, Canceled];

    /// <summary>Every type a task filter accepts, in Meilisearch's order (types this engine never creates included).</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "documentAdditionOrUpdate", "documentEdition", "documentDeletion", "settingsUpdate", "indexCreation",
        "indexDeletion", "indexUpdate", "indexSwap", "taskCancelation", "taskDeletion", "dumpCreation",
        "snapshotCreation", "export", "upgradeDatabase", "indexCompaction",
    ];

    public static bool IsFinished(string status) => status is Succeeded or Failed or Canceled;

    /// <summary>Names as an error message lists them: <c>`a`, `b`</c>.</summary>
    public static string Listed(IEnumerable<string> names) => string.Join(", ", names.Select(n => "`" + n + "`"));
}
