using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Server;

/// <summary>The composition root of one orchestrator process: configuration, cluster state, durable state and background workers.</summary>
internal sealed class ProxyContext : IAsyncDisposable
{
    private ProxyContext(MiroirConfig config, ProxyServerOptions options, ILogger logger, StateLog state)
    {
        Config = config;
        Options = options;
        Logger = logger;
        Cluster = new ClusterState(config);
        State = state;
        Tasks = new TaskStore(state, options.TimeProvider);
        Poller = new TaskPoller(Tasks, Cluster, options.TimeProvider, options.TaskPollInterval, options.TaskTtl);
        Tasks.Registered = t => Poller.TryPublish(t);
        state.AddSource(Tasks);
        state.AddSource(new IndexMetaSnapshot(Cluster));
    }

    public MiroirConfig Config { get; }

    public ProxyServerOptions Options { get; }

    public ILogger Logger { get; }

    public ClusterState Cluster { get; }

    public StateLog State { get; }

    public TaskStore Tasks { get; }

    public TaskPoller Poller { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Opens the state log under <c>state.path</c> and replays tasks and index metadata from its snapshot and tail.</summary>
    public static Task<ProxyContext> OpenAsync(MiroirConfig config, ProxyServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = StateLog.Open(Path.GetFullPath(config.State.Path), new StateLogOptions { SnapshotAfterBytes = config.State.SnapshotAfterBytes }, logger);
        var context = new ProxyContext(config, options, logger, state);
        state.Replay(context.Apply);
        return Task.FromResult(context);
    }

    /// <summary>Starts the background workers once the server listens; unfinished tasks resume polling.</summary>
    public void Start()
    {
        if (string.IsNullOrEmpty(Config.MasterKey))
        {
            ProxyLog.NoMasterKey(Logger);
        }

        foreach (var task in Tasks.Unfinished())
        {
            Poller.TryPublish(task);
        }

        Poller.Start();
    }

    /// <summary>Records index metadata durably, then publishes it.</summary>
    public async Task SaveIndexAsync(IndexMeta index)
    {
        await State.AppendAsync(index, StateRecords.WriteIndex, Cluster.SetIndex).ConfigureAwait(false);
    }

    public async Task ForgetIndexAsync(string uid)
    {
        await State.AppendAsync(uid, StateRecords.WriteIndexDeleted, Cluster.RemoveIndex).ConfigureAwait(false);
    }

    private void Apply(JsonElement record)
    {
        if (Tasks.Apply(record))
        {
            return;
        }

        switch (record.GetProperty("r").GetString())
        {
            case "index":
                Cluster.SetIndex(StateRecords.ReadIndex(record));
                break;
            case "indexDeleted":
                Cluster.RemoveIndex(record.GetProperty("uid").GetString()!);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Poller.DisposeAsync().ConfigureAwait(false);
        await State.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
    }
}
