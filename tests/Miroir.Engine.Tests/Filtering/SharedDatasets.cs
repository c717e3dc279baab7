using System.IO.Compression;

namespace Miroir.Engine.Tests.Filtering;

/// <summary>Finds the shared datasets (<c>shared/datasets</c>) above the test's directory, whatever the worktree depth.</summary>
internal static class SharedDatasets
{
    public static Stream Open(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "datasets", name);
            if (File.Exists(path))
            {
                return new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            }
        }
        throw new FileNotFoundException($"Dataset {name} not found in any shared/datasets above {AppContext.BaseDirectory}");
    }
}
