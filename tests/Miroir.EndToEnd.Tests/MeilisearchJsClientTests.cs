using System.Diagnostics;
using Miroir.Tests.Shared;

namespace Miroir.EndToEnd.Tests;

/// <summary>The official meilisearch npm client against a real node: the compatibility smoke test.</summary>
public sealed class MeilisearchJsClientTests
{
    private const string MasterKey = "miroir-e2e-master-key-0123456789";

    [Fact]
    public async Task JsClient_SmokeScript_AllStepsPass()
    {
        var js = await PrepareScriptAsync();
        using var node = await MiroirNodeProcess.StartAsync(MasterKey);
        var (exit, log) = await RunAsync("node", ["smoke.mjs"], js,
            new() { ["MIROIR_URL"] = node.Url, ["MIROIR_KEY"] = MasterKey });
        Assert.True(exit == 0, "smoke.mjs failed:\n" + log);
    }

    /// <summary>The same unchanged SDK against the orchestrator (`miroir dev`: 3 nodes, RF 2, S 12).</summary>
    [Fact]
    public async Task JsClient_SmokeScriptAgainstOrchestrator_AllStepsPass()
    {
        var js = await PrepareScriptAsync();
        using var dev = await MiroirDevProcess.StartAsync(MasterKey);
        var (exit, log) = await RunAsync("node", ["smoke.mjs"], js,
            new() { ["MIROIR_URL"] = dev.Url, ["MIROIR_KEY"] = MasterKey });
        Assert.True(exit == 0, "smoke.mjs against the orchestrator failed:\n" + log);
    }

    private static async Task<string> PrepareScriptAsync()
    {
        var js = Path.Combine(RepoPaths.RepositoryRoot(), "tests", "Miroir.EndToEnd.Tests", "js");
        if (!Directory.Exists(Path.Combine(js, "node_modules", "meilisearch")))
        {
            var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], js, []);
            Assert.True(code == 0, "npm ci failed (node and npm must be installed; CI installs them):\n" + output);
        }
        return js;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"`{file}` is not installed or not on PATH ({e.Message}); install Node.js 18+ and npm to run the end-to-end tests.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
