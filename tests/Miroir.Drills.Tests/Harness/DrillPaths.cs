using System.Net;
using System.Net.Sockets;

namespace Miroir.Drills.Tests.Harness;

/// <summary>Free ports and the drills' temp folders (the built <c>miroir.dll</c> is <see cref="Miroir.Tests.Shared.RepoPaths"/>).</summary>
public static class DrillPaths
{
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
