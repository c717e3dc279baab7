using System.Diagnostics;
using Miroir.Tests.Shared;

namespace Miroir.EndToEnd.Tests;

/// <summary>A real <c>miroir node</c> process on an ephemeral port in a temp data directory.</summary>
public sealed class MiroirNodeProcess : IDisposable
{
    private readonly Process _process;

    private MiroirNodeProcess(Process process, string url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public string Url { get; }

    public string DataDirectory { get; }

    public static async Task<MiroirNodeProcess> StartAsync(string? masterKey)
    {
        var dll = RepoPaths.MiroirDll();
        var data = Path.Combine(Path.GetTempPath(), "miroir-e2e-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "node", "--port", "0", "--data", data })
        {
            info.ArgumentList.Add(arg);
        }
        if (masterKey is not null)
        {
            info.ArgumentList.Add("--master-key");
            info.ArgumentList.Add(masterKey);
        }
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.Contains(" on ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("miroir node did not start: " + line + await process.StandardError.ReadToEndAsync());
        }
        return new MiroirNodeProcess(process, line.Split(" on ")[1].Split(' ')[0], data);
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
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
