using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Meili.Auth;
using Miroir.Proxy.Admin;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Health;
using Miroir.Proxy.Hints;
using Miroir.Proxy.Idempotency;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Server;

/// <summary>
/// The composition root of one orchestrator process: builds every service once and hands each exactly the
/// collaborators it uses, replays the state log, starts the background workers in order and stops them at
/// shutdown. Only <see cref="ProxyEndpoints"/> and <see cref="ProxyServer"/> (and test fixtures) see it.
/// </summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    private readonly ProxyServerOptions _options;
    private readonly StateLog _state;
    private readonly TaskPoller _poller;
    private readonly RecoveryRepair? _recovery;
    private readonly AntiEntropyScheduler? _antiEntropySchedule;
    private readonly SettingsDriftScheduler _settingsDriftSchedule;
    private readonly InterruptedWrites _interrupted;
    private Dictionary<string, HashSet<int>> _interruptedShards = [];

    private ProxyHost(MiroirConfig config, ProxyServerOptions options, ILogger logger, StateLog state)
    {
        var time = options.TimeProvider;
        Config = config;
        _options = options;
        Logger = logger;
        _state = state;
        Metrics = new ProxyMetrics(time);
        Background = new BackgroundTasks(e => ProxyLog.BackgroundWorkFailed(logger, e, "background task"));
        Cluster = new ClusterState(config, Metrics);
        Health = new HealthMonitor(Cluster, config.Health, time, logger);
        Tasks = new TaskStore(state, time);
        Hints = new RepairHints(state, Cluster);
        _poller = new TaskPoller(Tasks, Cluster, new DeadNodeTasks(Hints, config.EffectiveWriteQuorum), time, options.TaskPollInterval, options.TaskTtl, logger);
        Tasks.Registered += t => _poller.TryPublish(t);
        Tombstones = new TombstoneStore(state, config.AntiEntropy, time, logger);
        Rebalancer = new Rebalancer(Cluster, state, config, logger, time, Tombstones);
        AntiEntropy = new AntiEntropyReconciler(Cluster, config.AntiEntropy, Tombstones, time, options.AntiEntropyDutyCycle);
        _antiEntropySchedule = config.AntiEntropy.Enabled ? new AntiEntropyScheduler(AntiEntropy, time, logger) : null;
        Indexes = new IndexCatalog(state, Cluster);
        if (config.AntiEntropy.Enabled)
        {
            // Owed copies are repaired by stamp, so only while writes are stamped; a failed node owes all it holds
            // only when recovery repair is on (otherwise its reads are trusted as before).
            _recovery = new RecoveryRepair(Cluster, Hints, AntiEntropy, Health, Tasks, config.Rebalancer.AutoRebalanceOnRecovery,
                options.HintRepairInterval, time, logger);
        }

        var settingsInFlight = new SettingsInFlight();
        SettingsDrift = new SettingsDriftReconciler(Cluster, Tasks, config, Indexes, settingsInFlight, time, logger);
        _settingsDriftSchedule = new SettingsDriftScheduler(SettingsDrift, time, logger);
        Health.Recovered += _ => _settingsDriftSchedule.RunSoon(); // a node back from failure may have missed a settings change
        Keys = new KeyStore(config.MasterKey, time, config.NodeMasterKey);
        KeyCatalog = new KeyCatalog(state, Keys);
        KeyReplicas = new KeyReplicator(Keys, Cluster, config.NodeMasterKey, time, logger);
        Committer = new SettingsCommitter(Cluster, Indexes, SettingsDrift, settingsInFlight, config.SettingsBroadcast,
            options.TaskPollInterval, time, Background);
        Commit = new WriteCommit(Tasks, Hints, config.EffectiveWriteQuorum, logger);
        Broadcaster = new Broadcaster(Commit);
        _interrupted = new InterruptedWrites(Tasks, AntiEntropy, config.AntiEntropy.Enabled, Background, time, logger);
        Creator = new IndexCreator(Cluster, Tasks, Indexes, Broadcaster, logger);
        ClusterMetrics.Register(Metrics, Cluster, Tasks, Rebalancer, AntiEntropy, time);
        SettingsMetrics.Register(Metrics, Cluster, SettingsDrift, Committer);
        state.AddSource(Tasks);
        state.AddSource(new IndexMetaSnapshot(Cluster));
        state.AddSource(new KeySnapshot(Keys, () => KeyCatalog.Seen));
        state.AddSource(Rebalancer);
        state.AddSource(Tombstones);
        state.AddSource(Hints);
        IdempotencyKeys = new IdempotencyKeys(state, config.Idempotency, time);
        IdempotencyMetrics = new IdempotencyMetrics(Metrics.Meter, IdempotencyKeys);
        state.AddSource(IdempotencyKeys);
    }

    public MiroirConfig Config { get; }

    public ILogger Logger { get; }

    public TimeProvider Time => _options.TimeProvider;

    public ClusterState Cluster { get; }

    /// <summary>One-off work nobody awaits in place (a settings change's verify phase); stopped and awaited first at shutdown.</summary>
    public BackgroundTasks Background { get; }

    /// <summary>The core metrics; features add their own instruments to <see cref="ProxyMetrics.Meter"/>.</summary>
    public ProxyMetrics Metrics { get; }

    /// <summary>Node health probing (active) and suspicion (passive).</summary>
    public HealthMonitor Health { get; }

    public TaskStore Tasks { get; }

    /// <summary>Index metadata, durable in the state log.</summary>
    public IndexCatalog Indexes { get; }

    /// <summary>The copies nodes missed, durable until repaired.</summary>
    public RepairHints Hints { get; }

    /// <summary>The topology coordinator (admin operations, migrations, progress).</summary>
    public Rebalancer Rebalancer { get; }

    /// <summary>The anti-entropy reconciler (its passes run on schedule while enabled, and on demand).</summary>
    public AntiEntropyReconciler AntiEntropy { get; }

    /// <summary>The tombstones of accepted deletes (durable, shared by the write routes and anti-entropy).</summary>
    public TombstoneStore Tombstones { get; }

    /// <summary>The settings drift check (passes on schedule, on demand and when a node recovers) and the index write freeze.</summary>
    public SettingsDriftReconciler SettingsDrift { get; }

    /// <summary>The two-phase settings change (verify and commit).</summary>
    public SettingsCommitter Committer { get; }

    /// <summary>The client API keys; node key values match because they derive from <c>node_master_key</c>.</summary>
    public KeyStore Keys { get; }

    /// <summary>The API keys' durable changes (<c>key</c> records).</summary>
    public KeyCatalog KeyCatalog { get; }

    public KeyReplicator KeyReplicas { get; }

    /// <summary>A write's intent before fan-out and its outcome after (quorum, hints, task).</summary>
    public WriteCommit Commit { get; }

    public Broadcaster Broadcaster { get; }

    public IndexCreator Creator { get; }

    /// <summary>The <c>Idempotency-Key</c>s of writes and their recorded answers (<c>idem</c> records).</summary>
    public IdempotencyKeys IdempotencyKeys { get; }

    public IdempotencyMetrics IdempotencyMetrics { get; }

    /// <summary>The bound port of the unauthenticated metrics listener; 0 when there is none.</summary>
    public int MetricsPort { get; set; }

    /// <summary>
    /// Opens the state log under <c>state.path</c>, replays tasks, index metadata, the topology, keys and idempotency
    /// keys (settling the pending ones), fails the writes a crash interrupted, and seeds the default keys at first start.
    /// </summary>
    public static async Task<ProxyHost> OpenAsync(MiroirConfig config, ProxyServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = StateLog.Open(Path.GetFullPath(config.State.Path), new StateLogOptions { SnapshotAfterBytes = config.State.SnapshotAfterBytes }, logger);
        var host = new ProxyHost(config, options, logger, state);
        state.Replay(host.Apply);
        host.Rebalancer.Restore(config.ToTopology());
        host._interruptedShards = await host._interrupted.FailAllAsync().ConfigureAwait(false);
        await host.IdempotencyKeys.ResolvePendingAsync(host.Tasks.LastWithIdempotencyKey).ConfigureAwait(false);
        await host.KeyCatalog.SeedDefaultsAsync().ConfigureAwait(false);
        return host;
    }

    /// <summary>Starts the background workers once the server listens; unfinished tasks resume polling, interrupted writes' shards are reconciled.</summary>
    public void Start()
    {
        if (string.IsNullOrEmpty(Config.MasterKey))
        {
            ProxyLog.NoMasterKey(Logger);
        }

        foreach (var task in Tasks.Unfinished())
        {
            _poller.TryPublish(task);
        }

        _poller.Start();
        _interrupted.ReconcileInBackground(_interruptedShards);
        Rebalancer.Start();
        Health.Start();
        _recovery?.Start();
        _antiEntropySchedule?.Start();
        _settingsDriftSchedule.Start();
        KeyReplicas.Start();
    }

    /// <summary>Replays one state record into its owner; kinds nobody owns are skipped.</summary>
    private void Apply(JsonElement record) =>
        _ = Tasks.Apply(record) || Rebalancer.Apply(record) || Tombstones.Apply(record) || Indexes.Apply(record) || KeyCatalog.Apply(record) || Hints.Apply(record)
            || IdempotencyKeys.Apply(record);

    public async ValueTask DisposeAsync()
    {
        await Background.StopAsync().ConfigureAwait(false);
        await Health.DisposeAsync().ConfigureAwait(false);
        if (_recovery is not null)
        {
            await _recovery.DisposeAsync().ConfigureAwait(false);
        }

        await Rebalancer.DisposeAsync().ConfigureAwait(false);
        if (_antiEntropySchedule is not null)
        {
            await _antiEntropySchedule.DisposeAsync().ConfigureAwait(false);
        }

        AntiEntropy.Dispose();
        await _settingsDriftSchedule.DisposeAsync().ConfigureAwait(false);
        SettingsDrift.Dispose();
        await _poller.DisposeAsync().ConfigureAwait(false);
        await KeyReplicas.DisposeAsync().ConfigureAwait(false);
        await _state.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
        Metrics.Dispose();
    }
}
