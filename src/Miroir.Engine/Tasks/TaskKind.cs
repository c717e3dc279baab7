namespace Miroir.Engine.Tasks;

/// <summary>The <c>type</c> of a task, one member per Meilisearch task type.</summary>
internal enum TaskKind : byte
{
    IndexCreation = 1,
    IndexUpdate = 2,
    IndexDeletion = 3,
    IndexSwap = 4,
    DocumentAdditionOrUpdate = 5,
    DocumentDeletion = 6,
    SettingsUpdate = 7,
    TaskCancelation = 8,
    TaskDeletion = 9,
    DumpCreation = 10,
    SnapshotCreation = 11,
    DocumentEdition = 12,
}

/// <summary>Wire names of <see cref="TaskKind"/>, exactly as Meilisearch spells them.</summary>
internal static class TaskKindNames
{
    private static readonly string[] Names =
    [
        "", "indexCreation", "indexUpdate", "indexDeletion", "indexSwap", "documentAdditionOrUpdate",
        "documentDeletion", "settingsUpdate", "taskCancelation", "taskDeletion", "dumpCreation",
        "snapshotCreation", "documentEdition",
    ];

    public static string Name(this TaskKind kind) => Names[(int)kind];

    public static bool TryParse(ReadOnlySpan<char> name, out TaskKind kind)
    {
        for (var i = 1; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.Ordinal))
            {
                kind = (TaskKind)i;
                return true;
            }
        }
        kind = default;
        return false;
    }

}
