using System.Net;
using System.Net.Sockets;

namespace Miroir.Drills.Tests.Harness;

/// <summary>Where the built <c>miroir.dll</c> is, free ports and the drills' temp folders.</summary>
public static class DrillPaths
{
    public static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Miroir.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd('/')) ?? throw new InvalidOperationException("Miroir.sln not found above the test directory.");
        }

        return dir;
    }

    public static string MiroirDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryRoot(), "src", "Miroir", "bin", configuration, "net10.0", "miroir.dll");
    }

    /// <summary>A fresh folder <c>/tmp/drills-XXXX</c>; the cluster deletes it on dispose.</summary>
    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "drills-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// A port the OS considers free now. Nodes need a fixed port (the orchestrator's config names it and a
    /// restarted node must come back at the same address), so port 0 cannot be used.
    /// </summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
