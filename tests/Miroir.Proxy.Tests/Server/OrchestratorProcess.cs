using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Miroir.Tests.Shared;

namespace Miroir.Proxy.Tests.Server;

/// <summary>A real <c>miroir serve -c FILE</c> child process (dotnet miroir.dll), for kill drills.</summary>
public sealed class OrchestratorProcess : IDisposable
{
    private readonly Process _process;

    private OrchestratorProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>A loopback port free right now (<c>server.port</c> must be set explicitly).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<OrchestratorProcess> StartAsync(string configPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.MiroirDll(), "serve", "-c", configPath })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            // Console logging shares stdout; the banner line names the URL.
            if (line.StartsWith("miroir orchestrator listening on ", StringComparison.Ordinal))
            {
                _ = DrainAsync(process.StandardOutput);
                _ = DrainAsync(process.StandardError);
                return new OrchestratorProcess(process, line.Split(" on ")[1].Split(' ')[0]);
            }
        }

        var error = await process.StandardError.ReadToEndAsync();
        process.Kill();
        process.Dispose();
        throw new InvalidOperationException("miroir serve did not start: " + error);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    /// <summary>Keeps reading a redirected stream so a chatty child never blocks on a full pipe.</summary>
    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (IOException)
        {
        }
    }
}
