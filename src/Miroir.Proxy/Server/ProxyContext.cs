using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Meili.Auth;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Health;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Server;

/// <summary>The composition root of one orchestrator process: configuration, cluster state, durable state and background workers.</summary>
internal sealed class ProxyContext : IAsyncDisposable
{
    private readonly AntiEntropyScheduler? _antiEntropySchedule;
    private readonly SettingsDriftScheduler _settingsDriftSchedule;

    /// <summary>Whether any key record exists: the default keys are seeded once, not again after they were deleted.</summary>
    private bool _keysSeen;

    private ProxyContext(MiroirConfig config, ProxyServerOptions options, ILogger logger, StateLog state)
    {
        Config = config;
        Options = options;
        Logger = logger;
        Metrics = new ProxyMetrics(options.TimeProvider);
        Background = new BackgroundTasks(e => ProxyLog.BackgroundWorkFailed(logger, e, "background task"));
        Cluster = new ClusterState(config, Metrics);
        Health = new HealthMonitor(Cluster, config.Health, options.TimeProvider, logger);
        State = state;
        Tasks = new TaskStore(state, options.TimeProvider);
        Poller = new TaskPoller(Tasks, Cluster, options.TimeProvider, options.TaskPollInterval, options.TaskTtl, logger);
        Tasks.Registered = t => Poller.TryPublish(t);
        var tombstones = new TombstoneStore(state, config.AntiEntropy, options.TimeProvider, logger);
        Rebalancer = new Rebalancer(Cluster, state, config, logger, options.TimeProvider, tombstones);
        AntiEntropy = new AntiEntropyReconciler(Cluster, config.AntiEntropy, tombstones, options.TimeProvider, options.AntiEntropyDutyCycle);
        _antiEntropySchedule = config.AntiEntropy.Enabled ? new AntiEntropyScheduler(AntiEntropy, options.TimeProvider, logger) : null;
        if (config.Rebalancer.AutoRebalanceOnRecovery && config.AntiEntropy.Enabled)
        {
            Health.Recovery = new RecoveryRepair(Cluster, AntiEntropy, id => Health.Get(id).State, options.TimeProvider,
                TimeSpan.FromMilliseconds(config.Health.IntervalMs), logger);
        }

        SettingsDrift = new SettingsDriftReconciler(Cluster, Tasks, config, SaveIndexAsync, options.TimeProvider, logger);
        _settingsDriftSchedule = new SettingsDriftScheduler(SettingsDrift, options.TimeProvider, logger);
        Health.Recovered = _ => _settingsDriftSchedule.RunSoon(); // a node back from failure may have missed a settings change
        Keys = new KeyStore(config.MasterKey, options.TimeProvider, config.NodeMasterKey);
        KeyReplicas = new KeyReplicator(this);
        state.AddSource(Tasks);
        state.AddSource(new IndexMetaSnapshot(Cluster));
        state.AddSource(new KeySnapshot(Keys, () => _keysSeen));
        state.AddSource(Rebalancer);
        state.AddSource(tombstones);
    }

    public MiroirConfig Config { get; }

    public ProxyServerOptions Options { get; }

    public ILogger Logger { get; }

    public ClusterState Cluster { get; }

    /// <summary>One-off work nobody awaits in place (a settings change's verify phase); stopped and awaited first at shutdown.</summary>
    public BackgroundTasks Background { get; }

    /// <summary>The core metrics; features add their own instruments to <see cref="ProxyMetrics.Meter"/>.</summary>
    public ProxyMetrics Metrics { get; }

    /// <summary>Node health probing (active) and suspicion (passive).</summary>
    public HealthMonitor Health { get; }

    public StateLog State { get; }

    public TaskStore Tasks { get; }

    public TaskPoller Poller { get; }

    /// <summary>The topology coordinator (admin operations, migrations, progress).</summary>
    public Rebalancer Rebalancer { get; }

    /// <summary>The anti-entropy reconciler (its passes run on schedule while enabled, and on demand).</summary>
    public AntiEntropyReconciler AntiEntropy { get; }

    /// <summary>The settings drift check (passes on schedule, on demand and when a node recovers) and the index write freeze.</summary>
    public SettingsDriftReconciler SettingsDrift { get; }

    /// <summary>The client API keys (durable as <c>key</c> records); node key values match because they derive from <c>node_master_key</c>.</summary>
    public KeyStore Keys { get; }

    public KeyReplicator KeyReplicas { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>The bound port of the unauthenticated metrics listener; 0 when there is none.</summary>
    public int MetricsPort { get; set; }

    /// <summary>Opens the state log under <c>state.path</c>, replays tasks, index metadata, the topology and keys, and seeds the default keys at first start.</summary>
    public static async Task<ProxyContext> OpenAsync(MiroirConfig config, ProxyServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = StateLog.Open(Path.GetFullPath(config.State.Path), new StateLogOptions { SnapshotAfterBytes = config.State.SnapshotAfterBytes }, logger);
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
        Health.Start();
        Health.Recovery?.Start();
        _antiEntropySchedule?.Start();
        _settingsDriftSchedule.Start();
        KeyReplicas.Start();
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

    /// <summary>Records a key change durably, then applies it.</summary>
    public async Task SaveKeyAsync(ApiKeyMutation mutation)
    {
        await State.AppendAsync(mutation, StateRecords.WriteKey, m =>
        {
            Keys.Apply(m);
            _keysSeen = true;
        }).ConfigureAwait(false);
    }

    private void Apply(JsonElement record)
    {
        if (Tasks.Apply(record) || Rebalancer.Apply(record) || AntiEntropy.Tombstones.Apply(record))
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
            case StateRecords.KeysSeededKind:
                _keysSeen = true;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Background.StopAsync().ConfigureAwait(false);
        await Health.DisposeAsync().ConfigureAwait(false);
        if (Health.Recovery is { } recovery)
        {
            await recovery.DisposeAsync().ConfigureAwait(false);
        }

        await Rebalancer.DisposeAsync().ConfigureAwait(false);
        if (_antiEntropySchedule is not null)
        {
            await _antiEntropySchedule.DisposeAsync().ConfigureAwait(false);
        }

        AntiEntropy.Dispose();
        await _settingsDriftSchedule.DisposeAsync().ConfigureAwait(false);
        SettingsDrift.Dispose();
        await Poller.DisposeAsync().ConfigureAwait(false);
        await KeyReplicas.DisposeAsync().ConfigureAwait(false);
        await State.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
        Metrics.Dispose();
    }
}
