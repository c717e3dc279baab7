using System.Diagnostics;
using Miroir.Tests.Shared;

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

    public static async Task<MiroirProcess> StartAsync(string dataDirectory, string? masterKey = null, IReadOnlyList<string>? options = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.MiroirDll(), "node", "--port", "0", "--data", dataDirectory }.Concat(options ?? []))
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
