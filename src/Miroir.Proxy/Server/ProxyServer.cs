using Microsoft.AspNetCore.Builder;
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
    private readonly ProxyContext _context;
    private int _stopped;

    private ProxyServer(WebApplication app, ProxyContext context, string url)
    {
        _app = app;
        _context = context;
        Url = url;
    }

    /// <summary>The bound base address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public MiroirConfig Config => _context.Config;

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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        if (!options.ConsoleLogging)
        {
            builder.Logging.ClearProviders();
        }

        // One line per request would drown the warnings that matter (no master key, degraded writes).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        SlimHost.UseKestrel(builder, options.Bind ?? config.Server.Bind, options.Port ?? config.Server.Port, config.Server.MaxBodyBytes);
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Miroir.Proxy");
        var context = await ProxyContext.OpenAsync(config, options, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            ProxyEndpoints.Map(app, context);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            context.Start();
            return new ProxyServer(app, context, SlimHost.BoundUrl(app));
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
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
        await _context.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
