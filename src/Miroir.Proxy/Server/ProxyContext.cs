using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Engine.Auth;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Server;

/// <summary>The composition root of one orchestrator process: configuration, cluster state, durable state and background workers.</summary>
internal sealed class ProxyContext : IAsyncDisposable
{
    /// <summary>Whether any key record exists: the default keys are seeded once, not again after they were deleted.</summary>
    private bool _keysSeen;

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
        Rebalancer = new Rebalancer(Cluster, state, config, logger, options.TimeProvider);
        Keys = new KeyStore(config.MasterKey, options.TimeProvider, config.NodeMasterKey);
        KeyReplicas = new KeyReplicator(this);
    }

    public MiroirConfig Config { get; }

    public ProxyServerOptions Options { get; }

    public ILogger Logger { get; }

    public ClusterState Cluster { get; }

    public StateLog State { get; }

    public TaskStore Tasks { get; }

    public TaskPoller Poller { get; }

    /// <summary>The topology coordinator (admin operations, migrations, progress).</summary>
    public Rebalancer Rebalancer { get; }

    /// <summary>The client API keys (durable as <c>key</c> records); node key values match because they derive from <c>node_master_key</c>.</summary>
    public KeyStore Keys { get; }

    public KeyReplicator KeyReplicas { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>Opens the state log under <c>state.path</c>, replays tasks, index metadata, the topology and keys, and seeds the default keys at first start.</summary>
    public static async Task<ProxyContext> OpenAsync(MiroirConfig config, ProxyServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = StateLog.Open(Path.GetFullPath(config.State.Path));
        var context = new ProxyContext(config, options, logger, state);
        state.Replay(context.Apply);
        context.Rebalancer.Restore(config.ToTopology());
        if (!context._keysSeen)
        {
            foreach (var mutation in context.Keys.DefaultKeyMutations())
            {
                await context.SaveKeyAsync(mutation).ConfigureAwait(false);
            }
        }

        return context;
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
        Rebalancer.Start();
        KeyReplicas.Start();
    }

    /// <summary>Records index metadata durably, then publishes it.</summary>
    public async Task SaveIndexAsync(IndexMeta index)
    {
        await State.AppendAsync(index, StateRecords.WriteIndex).ConfigureAwait(false);
        Cluster.SetIndex(index);
    }

    public async Task ForgetIndexAsync(string uid)
    {
        await State.AppendAsync(uid, StateRecords.WriteIndexDeleted).ConfigureAwait(false);
        Cluster.RemoveIndex(uid);
    }

    /// <summary>Records a key change durably, then applies it.</summary>
    public async Task SaveKeyAsync(ApiKeyMutation mutation)
    {
        await State.AppendAsync(mutation, StateRecords.WriteKey).ConfigureAwait(false);
        Keys.Apply(mutation);
        _keysSeen = true;
    }

    private void Apply(JsonElement record)
    {
        if (Tasks.Apply(record) || Rebalancer.Apply(record))
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
            case "key":
                Keys.Apply(StateRecords.ReadKey(record));
                _keysSeen = true;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Rebalancer.DisposeAsync().ConfigureAwait(false);
        await Poller.DisposeAsync().ConfigureAwait(false);
        await KeyReplicas.DisposeAsync().ConfigureAwait(false);
        await State.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
    }
}
