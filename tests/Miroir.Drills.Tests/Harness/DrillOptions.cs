namespace Miroir.Drills.Tests.Harness;

/// <summary>The topology and timeouts a drill's orchestrator is started with.</summary>
public sealed record DrillOptions
{
    public int Nodes { get; init; } = 3;

    /// <summary>Nodes started with the cluster but left out of the orchestrator's configuration, for drills that add them.</summary>
    public int SpareNodes { get; init; }

    public int ReplicationFactor { get; init; } = 2;

    public int Shards { get; init; } = 12;

    /// <summary>
    /// Per-node request timeout. Long enough that a healthy node on a loaded 2-core CI machine never times
    /// out, short enough that a paused node costs a read seconds, not a minute.
    /// </summary>
    public int NodeTimeoutMs { get; init; } = 3000;

    /// <summary><c>partial</c> or <c>error</c> (spec §4.7).</summary>
    public string UnavailableShardPolicy { get; init; } = "partial";

    public int HealthIntervalMs { get; init; } = 500;

    public int HealthTimeoutMs { get; init; } = 1000;

    public int UnhealthyThreshold { get; init; } = 2;

    public int RecoveryThreshold { get; init; } = 2;

    /// <summary>Node name → the address the orchestrator is given instead of the node's own (a <see cref="LatencyRelay"/> in front of it).</summary>
    public IReadOnlyDictionary<string, string> NodeAddresses { get; init; } = new Dictionary<string, string>();

    /// <summary>More top-level YAML for the orchestrator (sections the defaults above leave out, e.g. <c>rebalancer:</c>).</summary>
    public string ExtraYaml { get; init; } = "";
}
