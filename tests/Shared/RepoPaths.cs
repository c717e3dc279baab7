namespace Miroir.Tests.Shared;

/// <summary>
/// Where the repository and the built <c>miroir.dll</c> are, for tests that start real <c>miroir</c> processes
/// or read checked-in files (linked into every test project by tests/Directory.Build.props).
/// </summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Miroir.sln, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Miroir.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Miroir.sln not found above the test folder.");
    }

    /// <summary>The built miroir.dll of the configuration the tests run in (the test projects build src/Miroir first).</summary>
    public static string MiroirDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "Miroir", "bin", configuration, "net10.0", "miroir.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Miroir first.", dll);
    }
}
