using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;

namespace Miroir.Proxy.Server;

/// <summary>
/// The orchestrator served by Kestrel: start it in-process with a <see cref="MiroirConfig"/> (port 0 for an
/// ephemeral port), read <see cref="Url"/>, stop it. <c>miroir serve</c>, <c>miroir dev</c> and the cluster
/// test fixture all run the orchestrator through this type.
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ProxyHost _host;
    private int _stopped;

    private ProxyServer(WebApplication app, ProxyHost host, string url, string? metricsUrl)
    {
        _app = app;
        _host = host;
        Url = url;
        MetricsUrl = metricsUrl;
    }

    /// <summary>The bound base address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>The bound base address of the unauthenticated metrics listener, or null when there is none.</summary>
    public string? MetricsUrl { get; }

    public MiroirConfig Config => _host.Config;

    /// <summary>The composition root (tests reach hints and node states through it).</summary>
    internal ProxyHost Host => _host;

    /// <summary>The copies nodes owe as of now (tests look at what a write recorded).</summary>
    internal Hints.RepairHintSet Hints => _host.Hints.Current;

    /// <summary>Every mapped route as (method, pattern).</summary>
    internal IReadOnlyList<(string Method, string Pattern)> Routes => SlimHost.Routes(_app);

    /// <summary>Validates the configuration, opens the state log (replaying tasks and index metadata), binds the port and starts serving.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid; the message names every offending key.</exception>
    public static async Task<ProxyServer> StartAsync(MiroirConfig config, ProxyServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = ConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            // Same wording as the loader: every message names its key.
            throw new ArgumentException("Invalid configuration: " + string.Join("; ", errors), nameof(config));
        }

        options ??= new ProxyServerOptions();
        if (config.Server.InlineIo)
        {
            // Read once, when the process opens its first socket: effective for `miroir serve`, which opens none
            // before this point; a host that already has sockets keeps thread-pool completions.
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }

        var builder = SlimHost.CreateBuilder();
        if (config.Server.InlineIo)
        {
            builder.WebHost.UseSockets(static s => s.UnsafePreferInlineScheduling = true);
        }

        if (!options.ConsoleLogging)
        {
            builder.Logging.ClearProviders();
        }

        // One line per request would drown the warnings that matter (no master key, degraded writes).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var bind = options.Bind ?? config.Server.Bind;
        SlimHost.UseKestrel(builder, bind, options.Port ?? config.Server.Port, config.Server.MaxBodyBytes);
        var metricsPort = options.MetricsPort ?? (config.Server.MetricsPort == 0 ? -1 : config.Server.MetricsPort);
        if (metricsPort >= 0)
        {
            // Listeners bind in the order they are declared: the client port first, then this one.
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(bind), metricsPort));
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Miroir.Proxy");
        var host = await ProxyHost.OpenAsync(config, options, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            ProxyEndpoints.Map(app, host);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
                .Select(a => a.TrimEnd('/')).ToArray();
            var metricsUrl = metricsPort >= 0 ? addresses[^1] : null;
            host.MetricsPort = metricsUrl is null ? 0 : new Uri(metricsUrl).Port;
            host.Start();
            return new ProxyServer(app, host, addresses[0], metricsUrl);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        SlimHost.WaitForShutdownAsync(_app, cancellationToken);

    /// <summary>Stops accepting requests, stops the background workers and closes the state log.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
