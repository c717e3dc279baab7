using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Miroir.Engine.Http;
using Miroir.Meili.Http;

namespace Miroir.Engine.Node;

/// <summary>
/// One engine node served over HTTP by Kestrel: start it in-process (port 0 for an ephemeral
/// port), read <see cref="Url"/>, stop it. <c>miroir node</c>, <c>miroir dev</c> and the test
/// fixtures all run nodes through this type.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NodeContext _node;
    private int _stopped;

    private NodeServer(WebApplication app, NodeContext node, string url)
    {
        _app = app;
        _node = node;
        Url = url;
    }

    /// <summary>The bound base address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public NodeOptions Options => _node.Options;

    /// <summary>Every mapped route as (method, pattern).</summary>
    internal IReadOnlyList<(string Method, string Pattern)> Routes => SlimHost.Routes(_app);

    /// <summary>Opens the data directory (replaying it), binds the port and starts serving.</summary>
    public static async Task<NodeServer> StartAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        var node = await NodeContext.OpenAsync(options).ConfigureAwait(false);
        try
        {
            var builder = SlimHost.CreateBuilder();
            builder.Logging.ClearProviders();
            // One line per request would drown the failures that matter.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            options.Logging?.Invoke(builder.Logging);
            SlimHost.UseKestrel(builder, options.Bind, options.Port, options.MaxBodyBytes);
            var app = builder.Build();
            NodeEndpoints.Map(app, node);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new NodeServer(app, node, SlimHost.BoundUrl(app));
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        SlimHost.WaitForShutdownAsync(_app, cancellationToken);

    /// <summary>Stops accepting requests, lets the task in progress finish, closes the log.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until no task is enqueued or processing (tests and the dev cluster use it).</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_node.Tasks.NextReady() is not null || _node.HasPendingTasks())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The node still has tasks to run.");
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
