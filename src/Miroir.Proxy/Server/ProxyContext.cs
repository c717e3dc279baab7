using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;

namespace Miroir.Proxy.Server;

/// <summary>The composition root of one orchestrator process: configuration, cluster state, durable state and background workers.</summary>
internal sealed class ProxyContext : IAsyncDisposable
{
    private ProxyContext(MiroirConfig config, ProxyServerOptions options, ILogger logger)
    {
        Config = config;
        Options = options;
        Logger = logger;
        Cluster = new ClusterState(config);
    }

    public MiroirConfig Config { get; }

    public ProxyServerOptions Options { get; }

    public ILogger Logger { get; }

    public ClusterState Cluster { get; }

    public TimeProvider Time => Options.TimeProvider;

    public static Task<ProxyContext> OpenAsync(MiroirConfig config, ProxyServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ProxyContext(config, options, logger));
    }

    /// <summary>Starts the background workers once the server listens.</summary>
    public void Start()
    {
    }

    public ValueTask DisposeAsync()
    {
        Cluster.Dispose();
        return ValueTask.CompletedTask;
    }
}
