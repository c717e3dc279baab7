using System.Text;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Settings;

/// <summary>
/// The drift check (spec §13.5, always on): a pass reads every node's settings of every index, hashes them
/// (<see cref="SettingsHash"/>, the verify phase's canonical SHA-256) and compares them with the committed settings;
/// with <c>auto_repair</c> it puts the committed settings back on nodes that differ (out-of-band edits, a node that
/// was down during a change). Nodes that cannot be read are skipped until the next pass. An index never changed
/// through Miroir adopts what a strict majority of its nodes hold. Passes run one at a time.
/// </summary>
internal sealed class SettingsDriftReconciler : IDisposable
{
    private readonly ClusterState _cluster;
    private readonly TaskStore _tasks;
    private readonly bool _freezeOnUnrepairable;
    private readonly IndexCatalog _indexes;
    private readonly SettingsInFlight _busy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _onePass = new(1, 1);
    private long _repairs;
    private long _mismatches;
    private volatile SettingsDriftPass? _lastPass;
    private volatile bool _running;

    public SettingsDriftReconciler(ClusterState cluster, TaskStore tasks, MiroirConfig config, IndexCatalog indexes, SettingsInFlight busy, TimeProvider time, ILogger logger)
    {
        _cluster = cluster;
        _tasks = tasks;
        Config = config.SettingsDriftCheck;
        _freezeOnUnrepairable = config.SettingsBroadcast.FreezeWritesOnUnrepairable;
        _indexes = indexes;
        _busy = busy;
        _time = time;
        _logger = logger;
        Repair = new SettingsRepair(config.SettingsBroadcast, time);
    }

    public SettingsDriftCheckConfig Config { get; }

    public SettingsRepair Repair { get; }

    /// <summary>Indexes whose document writes are refused until their nodes agree again.</summary>
    public IndexWriteFreeze Freeze { get; } = new();

    /// <summary><c>miroir_settings_drift_repair_total</c>: nodes whose settings were put back in line.</summary>
    public long DriftRepairsTotal => Interlocked.Read(ref _repairs);

    /// <summary><c>miroir_settings_hash_mismatch_total</c>: nodes found with settings other than the reference.</summary>
    public long HashMismatchesTotal => Interlocked.Read(ref _mismatches);

    public SettingsDriftPass? LastPass => _lastPass;

    public bool Running => _running;

    public void CountMismatches(int nodes) => Interlocked.Add(ref _mismatches, nodes);

    public void CountRepairs(int nodes) => Interlocked.Add(ref _repairs, nodes);

    /// <summary>Logs nodes left different and, with <c>freeze_writes_on_unrepairable</c>, freezes the index's document writes.</summary>
    public void ReportUnrepairable(string uid, IReadOnlyList<(NodeClient Node, string Reason)> failures)
    {
        foreach (var (node, reason) in failures)
        {
            SettingsLog.Unrepairable(_logger, uid, node.Id, reason);
        }

        if (_freezeOnUnrepairable && failures.Count > 0)
        {
            var reason = $"node(s) {string.Join(", ", failures.Select(f => "`" + f.Node.Id + "`"))} hold settings other than the committed ones and could not be repaired ({failures[0].Reason}).";
            Freeze.Freeze(uid, reason);
            SettingsLog.Frozen(_logger, uid, reason);
        }
    }

    /// <summary>Runs one pass over every index (waiting for a running one to end first).</summary>
    public async Task<SettingsDriftPass> RunPassAsync(CancellationToken ct)
    {
        await _onePass.WaitAsync(ct).ConfigureAwait(false);
        _running = true;
        try
        {
            var started = _time.GetUtcNow();

            // A change landing on the nodes (index creation, settings change) makes their settings meaningless for now.
            var changing = _tasks.Unfinished().Where(t => t.IndexUid is not null && t.Type is "settingsUpdate" or "indexCreation")
                .Select(t => t.IndexUid!).ToHashSet(StringComparer.Ordinal);
            var indexes = new List<IndexDrift>();
            foreach (var index in _cluster.View.Indexes)
            {
                indexes.Add(changing.Contains(index.Uid) || _busy.Contains(index.Uid)
                    ? Result(index, null, DriftStatus.Busy, [])
                    : await CheckAsync(index, ct).ConfigureAwait(false));
            }

            var pass = new SettingsDriftPass(started, _time.GetUtcNow(), Config.AutoRepair, indexes);
            _lastPass = pass;
            return pass;
        }
        finally
        {
            _running = false;
            _onePass.Release();
        }
    }

    private async Task<IndexDrift> CheckAsync(IndexMeta index, CancellationToken ct)
    {
        var uid = index.Uid;
        var nodes = _cluster.View.Nodes;
        var answers = await NodeFanout.SendAllAsync(nodes, n => n.GetAsync(SettingsPath.Of(uid), ct)).ConfigureAwait(false);
        var hashes = answers.Select(a => a.IsSuccess ? SettingsHash.Of(a.Body) : null).ToArray();
        var reference = index.CommittedSettings is { } committed ? Encoding.UTF8.GetBytes(committed) : await AdoptMajorityAsync(index, answers, hashes).ConfigureAwait(false);
        if (reference is null)
        {
            return Result(index, null, DriftStatus.NoReference, [.. nodes.Select((n, i) => Read(n, answers[i], hashes[i], DriftStatus.NoReference))]);
        }

        var referenceHash = SettingsHash.Of(reference);
        var drifted = Enumerable.Range(0, nodes.Count).Where(i => hashes[i] is not null && hashes[i] != referenceHash).ToArray();
        var results = nodes.Select((n, i) => Read(n, answers[i], hashes[i], DriftStatus.InSync)).ToArray();
        CountMismatches(drifted.Length);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var repair = Config.AutoRepair && drifted.Length > 0 && !_busy.Contains(uid);
        if (repair)
        {
            // A client change starting from here on is verified itself: its read-back catches any interleaving.
            var left = await Repair.ApplyAsync(uid, reference, referenceHash, [.. drifted.Select(i => nodes[i])], ct).ConfigureAwait(false);
            CountRepairs(drifted.Length - left.Count);
            ReportUnrepairable(uid, left);
            foreach (var (node, reason) in left)
            {
                failures[node.Id] = reason;
            }
        }

        foreach (var i in drifted)
        {
            var outcome = !repair ? DriftStatus.Drifted : failures.TryGetValue(nodes[i].Id, out _) ? DriftStatus.Unrepairable : DriftStatus.Repaired;
            results[i] = results[i] with { Status = outcome, Error = failures.GetValueOrDefault(nodes[i].Id) };
            SettingsLog.Drifted(_logger, nodes[i].Id, uid, outcome);
        }

        // Writes resume only once every node answered and holds the committed settings.
        if (results.All(r => r.Status is DriftStatus.InSync or DriftStatus.Repaired) && Freeze.Thaw(uid))
        {
            SettingsLog.Thawed(_logger, uid);
        }

        var status = drifted.Length == 0 ? DriftStatus.InSync
            : failures.Count > 0 ? DriftStatus.Unrepairable
            : repair ? DriftStatus.Repaired
            : DriftStatus.Drifted;
        return Result(index, referenceHash, status, results);
    }

    /// <summary>The settings a strict majority of all nodes hold, recorded as committed; null when no majority agrees.</summary>
    private async Task<byte[]?> AdoptMajorityAsync(IndexMeta index, NodeResponse[] answers, string?[] hashes)
    {
        var majority = hashes.Where(h => h is not null).GroupBy(h => h, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() * 2 > hashes.Length)?.Key;
        if (majority is null)
        {
            return null;
        }

        var body = answers[Array.IndexOf(hashes, majority)].Body;
        var current = _cluster.View.FindIndex(index.Uid);
        if (current is null || current.CommittedSettings is not null || current.SettingsVersion != index.SettingsVersion)
        {
            return null; // deleted or changed meanwhile: the next pass looks again
        }

        await _indexes.SaveAsync(current with { CommittedSettings = Encoding.UTF8.GetString(body) }).ConfigureAwait(false);
        return body;
    }

    private static NodeDrift Read(NodeClient node, NodeResponse answer, string? hash, string answeredStatus) => answer switch
    {
        { Reached: false } => new NodeDrift(node.Id, DriftStatus.Unreachable, null, answer.Failure),
        { Status: 404 } => new NodeDrift(node.Id, DriftStatus.Missing, null, "the node does not have the index"),
        { IsSuccess: false } => new NodeDrift(node.Id, DriftStatus.Error, null, $"answered {answer.Status} to the settings read"),
        _ => new NodeDrift(node.Id, answeredStatus, hash),
    };

    private IndexDrift Result(IndexMeta index, string? hash, string status, IReadOnlyList<NodeDrift> nodes) =>
        new(index.Uid, index.SettingsVersion, hash, status, Freeze.ReasonOf(index.Uid) is not null, nodes);

    public void Dispose() => _onePass.Dispose();
}
