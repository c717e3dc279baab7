namespace Miroir.Proxy.Tasks;

/// <summary>Meilisearch's task status names and the task types Miroir creates itself.</summary>
internal static class TaskStatusNames
{
    public const string Enqueued = "enqueued";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly string[] All = [Enqueued, Processing, Succeeded, Failed, Canceled];

    public static readonly string[] Types =
    [
        "documentAdditionOrUpdate", "documentEdition", "documentDeletion", "settingsUpdate", "indexCreation",
        "indexDeletion", "indexUpdate", "indexSwap", "taskCancelation", "taskDeletion", "dumpCreation",
        "snapshotCreation", "export", "upgradeDatabase", "indexCompaction",
    ];

    public static bool IsFinished(string status) => status is Succeeded or Failed or Canceled;
}
