using System.Globalization;
using System.Text;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// N real <c>miroir node</c> processes and one <c>miroir serve</c> orchestrator over them, each in its own
/// folder under <c>/tmp/drills-*</c>. Dispose kills every process this cluster started (by its PID) and deletes
/// the folder.
/// </summary>
public sealed class DrillCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly List<DrillProcess> _nodes;
    private readonly List<DrillProcess> _spares;

    private DrillCluster(string root, List<DrillProcess> nodes, List<DrillProcess> spares, DrillProcess orchestrator, DrillOptions options)
    {
        _root = root;
        _nodes = nodes;
        _spares = spares;
        Orchestrator = orchestrator;
        Options = options;
        Api = new MiroirApi(orchestrator.Url);
        Admin = new AdminApi(orchestrator.Url);
    }

    /// <summary>The nodes of the orchestrator's configuration, named node-1..node-N.</summary>
    public IReadOnlyList<DrillProcess> Nodes => _nodes;

    /// <summary>Running nodes the orchestrator does not know yet (node-N+1...), for add-node drills.</summary>
    public IReadOnlyList<DrillProcess> Spares => _spares;

    public DrillProcess Orchestrator { get; }

    public DrillOptions Options { get; }

    /// <summary>HTTP client for the orchestrator (its URL survives an orchestrator restart: same port).</summary>
    public MiroirApi Api { get; }

    /// <summary>The orchestrator's admin API (<c>/_miroir/*</c>).</summary>
    public AdminApi Admin { get; }

    /// <summary>Folder of the orchestrator's durable state log.</summary>
    public string StatePath => Path.Combine(_root, "orchestrator");

    public static async Task<DrillCluster> StartAsync(DrillOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = DrillPaths.NewTempFolder();
        var ports = new HashSet<int>();
        var nodes = new List<DrillProcess>();
        var spares = new List<DrillProcess>();
        for (var i = 1; i <= options.Nodes + options.SpareNodes; i++)
        {
            var port = UniquePort(ports);
            var name = "node-" + i.ToString(CultureInfo.InvariantCulture);
            var node = new DrillProcess(name, port, ["node", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", Path.Combine(root, name)]);
            (i <= options.Nodes ? nodes : spares).Add(node);
        }

        var orchestratorPort = UniquePort(ports);
        var config = Path.Combine(root, "miroir.yaml");
        await File.WriteAllTextAsync(config, Yaml(options, nodes, orchestratorPort, Path.Combine(root, "orchestrator"))).ConfigureAwait(false);
        var orchestrator = new DrillProcess("orchestrator", orchestratorPort, ["serve", "-c", config]);
        var cluster = new DrillCluster(root, nodes, spares, orchestrator, options);
        try
        {
            await Task.WhenAll(nodes.Concat(spares).Select(n => n.StartAsync())).ConfigureAwait(false);
            await orchestrator.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    /// <summary>Every process's recent output, for an assertion message.</summary>
    public string Describe() =>
        string.Join("\n", _nodes.Concat(_spares).Append(Orchestrator).Select(p => p.RecentOutput()));

    public ValueTask DisposeAsync()
    {
        Api.Dispose();
        Admin.Dispose();
        Orchestrator.Dispose();
        foreach (var node in _nodes.Concat(_spares))
        {
            node.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static int UniquePort(HashSet<int> taken)
    {
        while (true)
        {
            var port = DrillPaths.FreePort();
            if (taken.Add(port))
            {
                return port;
            }
        }
    }

    private static string Yaml(DrillOptions o, List<DrillProcess> nodes, int port, string statePath)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine(CultureInfo.InvariantCulture, $"shards: {o.Shards}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"replication_factor: {o.ReplicationFactor}");
        yaml.AppendLine("replica_groups: 1");
        yaml.AppendLine("nodes:");
        foreach (var node in nodes)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: {node.Name}, address: {o.NodeAddresses.GetValueOrDefault(node.Name, node.Url)}, replica_group: 0 }}");
        }

        yaml.AppendLine(CultureInfo.InvariantCulture, $"state: {{ backend: log, path: {statePath} }}");
        yaml.AppendLine(CultureInfo.InvariantCulture,
            $"health: {{ interval_ms: {o.HealthIntervalMs}, timeout_ms: {o.HealthTimeoutMs}, unhealthy_threshold: {o.UnhealthyThreshold}, recovery_threshold: {o.RecoveryThreshold} }}");
        yaml.AppendLine(CultureInfo.InvariantCulture,
            $"scatter: {{ node_timeout_ms: {o.NodeTimeoutMs}, retry_on_timeout: true, unavailable_shard_policy: {o.UnavailableShardPolicy} }}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"server: {{ port: {port}, bind: 127.0.0.1, metrics_port: 0 }}");
        yaml.AppendLine(o.ExtraYaml);
        return yaml.ToString();
    }
}
