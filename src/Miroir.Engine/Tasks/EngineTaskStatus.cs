namespace Miroir.Engine.Tasks;

/// <summary>The <c>status</c> of a task.</summary>
internal enum EngineTaskStatus : byte
{
    Enqueued = 1,
    Processing = 2,
    Succeeded = 3,
    Failed = 4,
    Canceled = 5,
}

/// <summary>Wire names of <see cref="EngineTaskStatus"/>.</summary>
internal static class EngineTaskStatusNames
{
    private static readonly string[] Names = ["", "enqueued", "processing", "succeeded", "failed", "canceled"];

    public static string Name(this EngineTaskStatus status) => Names[(int)status];

    public static bool IsFinished(this EngineTaskStatus status) => status >= EngineTaskStatus.Succeeded;

    public static bool TryParse(ReadOnlySpan<char> name, out EngineTaskStatus status)
    {
        for (var i = 1; i < Names.Length; i++)
        {
            if (name.Equals(Names[i], StringComparison.Ordinal))
            {
                status = (EngineTaskStatus)i;
                return true;
            }
        }
        status = default;
        return false;
    }

}
