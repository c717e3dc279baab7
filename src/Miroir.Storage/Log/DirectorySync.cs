using System.Runtime.InteropServices;

namespace Miroir.Storage.Log;

/// <summary>fsyncs a directory so a created, renamed or deleted file name survives a power loss (POSIX only).</summary>
internal static partial class DirectorySync
{
    // O_RDONLY; a directory opens fine without O_DIRECTORY, whose value differs per architecture.
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        // Windows makes directory entries durable with the file; .NET has no API for a directory fsync.
        if (!OperatingSystem.IsLinux())
            return;
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
            throw new IOException($"Cannot open directory '{directory}' for fsync (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (FSync(fd) != 0)
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
