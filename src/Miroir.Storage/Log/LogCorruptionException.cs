namespace Miroir.Storage.Log;

/// <summary>Thrown when the log or a snapshot holds damaged data that recovery must not silently drop.</summary>
public sealed class LogCorruptionException : IOException
{
    public LogCorruptionException(string filePath, long offset, string reason)
        : base($"Log corruption in '{filePath}' at offset {offset}: {reason}.")
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The damaged file.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset in <see cref="FilePath"/> where the damage starts.</summary>
    public long Offset { get; }
}
