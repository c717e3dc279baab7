using System.Diagnostics;

namespace Miroir.Engine.Tests.Node;

/// <summary>A real <c>miroir node</c> child process (dotnet miroir.dll), for kill drills.</summary>
public sealed class MiroirProcess : IDisposable
{
    private readonly Process _process;

    private MiroirProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The built miroir.dll of this configuration (the test project references src/Miroir).</summary>
    public static string DllPath()
    {
        var dir = AppContext.BaseDirectory;
        var configuration = dir.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        while (!File.Exists(Path.Combine(dir, "Miroir.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd('/')) ?? throw new InvalidOperationException("Miroir.sln not found above the test directory.");
        }
        var dll = Path.Combine(dir, "src", "Miroir", "bin", configuration, "net10.0", "miroir.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Miroir first.", dll);
    }

    public static async Task<MiroirProcess> StartAsync(string dataDirectory, string? masterKey = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { DllPath(), "node", "--port", "0", "--data", dataDirectory })
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
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException("miroir node did not start: " + line + error);
        }
        var url = line.Split(" on ")[1].Split(' ')[0];
        return new MiroirProcess(process, url);
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
}
