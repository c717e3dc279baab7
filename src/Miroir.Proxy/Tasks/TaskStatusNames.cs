using Miroir.Meili.Tasks;

namespace Miroir.Proxy.Tasks;

/// <summary>Meilisearch's task status names (<see cref="TaskNames"/>), as the task store compares them.</summary>
internal static class TaskStatusNames
{
    public const string Enqueued = TaskNames.Enqueued;
    public const string Processing = TaskNames.Processing;
    public const string Succeeded = TaskNames.Succeeded;
    public const string Failed = TaskNames.Failed;
    public const string Canceled = TaskNames.Canceled;

    public static IReadOnlyList<string> All => TaskNames.Statuses;

    public static bool IsFinished(string status) => TaskNames.IsFinished(status);
}
