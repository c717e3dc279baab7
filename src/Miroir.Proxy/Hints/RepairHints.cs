using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Hints;

/// <summary>
/// The durable record of copies nodes missed (01-core §3.6): a write acknowledged without some owner, a write a
/// crash interrupted, a node task given up on. Each change is in the state log before it returns, then published
/// in <see cref="ClusterState"/>'s view, so reads can keep away from a copy that is owed and a restart forgets nothing.
/// </summary>
internal sealed class RepairHints(StateLog state, ClusterState cluster) : IStateSnapshotSource
{
    private readonly Lock _sequenceLock = new();
    private long _sequence;

    /// <summary>The hints as of now (requests read them from their <see cref="ClusterView"/>).</summary>
    public RepairHintSet Current => cluster.View.Hints;

    /// <summary>The sequence the next hint will get: a repair that starts now clears hints below it.</summary>
    public long NextSequence
    {
        get
        {
            lock (_sequenceLock)
            {
                return _sequence + 1;
            }
        }
    }

    /// <summary>Records that <paramref name="nodeId"/> missed writes to <paramref name="shards"/> of the index; durable on return.</summary>
    public Task AddAsync(string nodeId, string indexUid, IReadOnlyList<int> shards)
    {
        if (shards.Count == 0)
        {
            return Task.CompletedTask;
        }

        long sequence;
        lock (_sequenceLock)
        {
            sequence = ++_sequence;
        }

        return state.AppendAsync(new HintBatch(nodeId, indexUid, shards, sequence), HintRecords.WriteHint,
            b => cluster.UpdateHints(h => h.With(b.Hints, b.Sequence)));
    }

    /// <summary>
    /// Clears hints a repair covered: those of the shards whose latest missed write has a sequence below
    /// <paramref name="repairStartedAt"/> (the <see cref="NextSequence"/> read before the repair began).
    /// </summary>
    public Task ClearAsync(string nodeId, string indexUid, IReadOnlyList<int> shards, long repairStartedAt) =>
        shards.Count == 0
            ? Task.CompletedTask
            : state.AppendAsync(new HintBatch(nodeId, indexUid, shards, repairStartedAt - 1), HintRecords.WriteCleared,
                b => cluster.UpdateHints(h => h.Without(b.Hints, b.Sequence)));

    /// <summary>Forgets every hint of a deleted index.</summary>
    public Task ForgetIndexAsync(string indexUid) => DropAsync((null, indexUid));

    /// <summary>Forgets every hint of a node removed from the topology.</summary>
    public Task ForgetNodeAsync(string nodeId) => DropAsync((nodeId, null));

    private Task DropAsync((string? NodeId, string? IndexUid) scope) =>
        state.AppendAsync(scope, HintRecords.WriteDropped, s => cluster.UpdateHints(h => h.Without(Matches(s))));

    private static Func<RepairHint, bool> Matches((string? NodeId, string? IndexUid) scope) =>
        h => (scope.NodeId is null || h.NodeId == scope.NodeId) && (scope.IndexUid is null || h.IndexUid == scope.IndexUid);

    /// <summary>Replays a hint record; false for any other kind.</summary>
    public bool Apply(JsonElement record)
    {
        switch (record.GetProperty("r").GetString())
        {
            case HintRecords.Hint:
                var added = HintRecords.ReadBatch(record, "seq");
                lock (_sequenceLock)
                {
                    _sequence = Math.Max(_sequence, added.Sequence);
                }

                cluster.UpdateHints(h => h.With(added.Hints, added.Sequence));
                return true;
            case HintRecords.Cleared:
                var cleared = HintRecords.ReadBatch(record, "through");
                cluster.UpdateHints(h => h.Without(cleared.Hints, cleared.Sequence));
                return true;
            case HintRecords.Dropped:
                var scope = HintRecords.ReadDropped(record);
                cluster.UpdateHints(h => h.Without(Matches(scope)));
                return true;
            default:
                return false;
        }
    }

    public IReadOnlyCollection<string> RecordKinds { get; } = [HintRecords.Hint, HintRecords.Cleared, HintRecords.Dropped];

    /// <summary>Every outstanding hint as <c>hint</c> records in sequence order, so replay restores the sequences too.</summary>
    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var group in Current.Groups())
        {
            writer.Write(new HintBatch(group.Key.NodeId, group.Key.IndexUid, [.. group.Order()], group.Key.Sequence), HintRecords.WriteHint);
        }
    }
}
