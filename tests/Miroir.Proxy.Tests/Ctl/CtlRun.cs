using Miroir.Commands;
using Miroir.Commands.Ctl;

namespace Miroir.Proxy.Tests.Ctl;

/// <summary>Runs <c>miroir ctl</c> in-process with captured output and an empty environment.</summary>
internal static class CtlRun
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["ctl", .. args], new CtlIo(stdout, stderr, static _ => null));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
