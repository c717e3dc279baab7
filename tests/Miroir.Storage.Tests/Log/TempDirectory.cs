namespace Miroir.Storage.Tests.Log;

/// <summary>A fresh directory per test, deleted at teardown.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "miroir-log-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public string[] Segments() => [.. Directory.GetFiles(Path, "*.log").Order(StringComparer.Ordinal)];

    public string[] Snapshots() => [.. Directory.GetFiles(Path, "*.snap").Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still be releasing a handle; the OS temp cleaner gets it later.
        }
    }
}
