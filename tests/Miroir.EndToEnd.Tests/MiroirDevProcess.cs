using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Miroir.Tests.Shared;

namespace Miroir.EndToEnd.Tests;

/// <summary>
/// A real <c>miroir dev</c> process (three engine nodes from the repository's miroir.yaml plus
/// the orchestrator) on a free port, with its own temp data folder.
/// </summary>
public sealed class MiroirDevProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private MiroirDevProcess(Process process, string url, string data)
    {
        _process = process;
        Url = url;
        _data = data;
    }

    public string Url { get; }

    public static async Task<MiroirDevProcess> StartAsync(string masterKey)
    {
        var root = RepoPaths.RepositoryRoot();
        var dll = RepoPaths.MiroirDll();
        var data = Path.Combine(Path.GetTempPath(), "miroir-e2e-dev-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "dev", "--data", data, "--port", port.ToString() })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["MIROIR_MASTER_KEY"] = masterKey;
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"miroir dev exited with {process.ExitCode}");
            }
            try
            {
                if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode)
                {
                    return new MiroirDevProcess(process, url, data);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("miroir dev did not answer /health within 30 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
