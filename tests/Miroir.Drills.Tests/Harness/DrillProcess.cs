using System.Collections.Concurrent;
using System.Diagnostics;
using Miroir.Tests.Shared;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// One real <c>miroir</c> process (node or orchestrator) on a fixed loopback port: started, killed, paused and
/// restarted with the same arguments (same port, same data folder). Its output is kept for failure messages.
/// </summary>
public sealed class DrillProcess : IDisposable
{
    private const int KeptLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string[] _arguments;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;
    private bool _stopped;

    public DrillProcess(string name, int port, string[] arguments)
    {
        Name = name;
        Port = port;
        Url = $"http://127.0.0.1:{port}";
        _arguments = arguments;
    }

    public string Name { get; }

    public int Port { get; }

    public string Url { get; }

    /// <summary>PID of the current incarnation (changes on restart).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException(Name + " is not started");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the process and waits until it answers <c>GET /health</c>.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException(Name + " is already running");
        }

        _process?.Dispose();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.MiroirDll());
        foreach (var argument in _arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        Keep($"--- start {Name}: miroir {string.Join(' ', _arguments)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _stopped = false;
        await WaitHealthyAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no shutdown hook runs, exactly like a crash or the OOM killer.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException(Name + " is not started");
        Keep($"--- SIGKILL {Name} (pid {process.Id})");
        if (_stopped)
        {
            // A stopped process dies on SIGKILL too; resuming first only keeps the bookkeeping simple.
            Signals.Continue(process.Id);
            _stopped = false;
        }

        process.Kill();
        process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process keeps its sockets open but answers nothing (a hung node).</summary>
    public void Pause()
    {
        Keep($"--- SIGSTOP {Name} (pid {Pid})");
        Signals.Stop(Pid);
        _stopped = true;
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        Keep($"--- SIGCONT {Name} (pid {Pid})");
        Signals.Continue(Pid);
        _stopped = false;
    }

    /// <summary>Starts it again with the same port and data folder after <see cref="Kill"/>.</summary>
    public Task RestartAsync() => StartAsync();

    /// <summary>The last lines the process printed, for assertion messages.</summary>
    public string RecentOutput() => $"[{Name}]\n  " + string.Join("\n  ", _output);

    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            if (_stopped)
            {
                Signals.Continue(_process.Id);
            }

            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _process = null;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(Url + "/health").ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"{Name} did not answer /health within {StartTimeout.TotalSeconds} s\n{RecentOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
