using System.Text;
using Miroir.Core.Routing;

namespace Miroir.Core.Configuration;

/// <summary>The whole of <c>miroir.yaml</c> (spec §12), with the spec's defaults; immutable.</summary>
public sealed record MiroirConfig
{
    /// <summary>Every key at its default.</summary>
    public static MiroirConfig Default { get; } = new();

    /// <summary>Client API key (<c>master_key</c>); empty means open, like Meilisearch without one.</summary>
    public string MasterKey { get; init; } = "";

    /// <summary>Key Miroir presents to nodes (<c>node_master_key</c>).</summary>
    public string NodeMasterKey { get; init; } = "";

    /// <summary>Default S for new indexes (<c>shards</c>).</summary>
    public int Shards { get; init; } = 64;

    /// <summary>RF, copies of each shard inside a group (<c>replication_factor</c>).</summary>
    public int ReplicationFactor { get; init; } = 2;

    /// <summary>RG, number of replica groups (<c>replica_groups</c>).</summary>
    public int ReplicaGroups { get; init; } = 1;

    /// <summary><c>write_quorum</c> as configured; null takes the default by RF (see <see cref="EffectiveWriteQuorum"/>).</summary>
    public WriteQuorumPolicy? WriteQuorum { get; init; }

    /// <summary>
    /// The policy in force: the configured one, else <c>one</c> for RF &lt;= 2 (a group keeps taking writes with a
    /// node down: the RAID promise) and <c>majority</c> above (a lost node still leaves a second confirmed copy).
    /// </summary>
    public WriteQuorumPolicy EffectiveWriteQuorum => WriteQuorum ?? (ReplicationFactor <= 2 ? WriteQuorumPolicy.One : WriteQuorumPolicy.Majority);

    public IReadOnlyList<NodeConfig> Nodes { get; init; } = [];

    public StateConfig State { get; init; } = new();

    public AdminConfig Admin { get; init; } = new();

    public HealthConfig Health { get; init; } = new();

    public ScatterConfig Scatter { get; init; } = new();

    public HedgingConfig Hedging { get; init; } = new();

    public ReplicaSelectionConfig ReplicaSelection { get; init; } = new();

    public RebalancerConfig Rebalancer { get; init; } = new();

    public ServerConfig Server { get; init; } = new();

    public AntiEntropyConfig AntiEntropy { get; init; } = new();

    public SettingsBroadcastConfig SettingsBroadcast { get; init; } = new();

    public SettingsDriftCheckConfig SettingsDriftCheck { get; init; } = new();

    public IdempotencyConfig Idempotency { get; init; } = new();

    public QueryCoalescingConfig QueryCoalescing { get; init; } = new();

    /// <summary>The routing topology these nodes, RF and RG describe (call on a validated config).</summary>
    public Topology ToTopology() =>
        new(Nodes.Select(n => new TopologyNode(n.Id, n.Address, n.ReplicaGroup)), ReplicationFactor, ReplicaGroups);

    // Secrets never reach logs through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("MasterKey = ").Append(Redact.Secret(MasterKey))
            .Append(", NodeMasterKey = ").Append(Redact.Secret(NodeMasterKey))
            .Append(", Shards = ").Append(Shards)
            .Append(", ReplicationFactor = ").Append(ReplicationFactor)
            .Append(", ReplicaGroups = ").Append(ReplicaGroups)
            .Append(", WriteQuorum = ").Append(EffectiveWriteQuorum)
            .Append(", Nodes = [").AppendJoin(", ", Nodes).Append(']')
            .Append(", State = ").Append(State)
            .Append(", Admin = ").Append(Admin)
            .Append(", Health = ").Append(Health)
            .Append(", Scatter = ").Append(Scatter)
            .Append(", Hedging = ").Append(Hedging)
            .Append(", ReplicaSelection = ").Append(ReplicaSelection)
            .Append(", Rebalancer = ").Append(Rebalancer)
            .Append(", Server = ").Append(Server)
            .Append(", AntiEntropy = ").Append(AntiEntropy)
            .Append(", SettingsBroadcast = ").Append(SettingsBroadcast)
            .Append(", SettingsDriftCheck = ").Append(SettingsDriftCheck)
            .Append(", Idempotency = ").Append(Idempotency)
            .Append(", QueryCoalescing = ").Append(QueryCoalescing);
        return true;
    }
}
