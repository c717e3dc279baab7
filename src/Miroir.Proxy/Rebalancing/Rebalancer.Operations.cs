using Miroir.Core.Routing;

namespace Miroir.Proxy.Rebalancing;

/// <summary>The topology operations of the admin API: each validates, persists a plan and queues its migration.</summary>
internal sealed partial class Rebalancer
{
    public Task AddNodeAsync(TopologyNode node) => ChangeAsync(() =>
    {
        CheckNewId(node.Id);
        if (node.ReplicaGroup < 0 || node.ReplicaGroup >= _current.ReplicaGroupCount)
        {
            throw RebalanceErrors.InvalidGroup($"Replica group {node.ReplicaGroup} does not exist; groups are 0..{_current.ReplicaGroupCount - 1} (add a group with POST /_miroir/groups).");
        }

        return Plan("addNode", node.Id, () => _current.WithNode(node));
    });

    public Task DrainNodeAsync(string id) => ChangeAsync(() =>
    {
        var ordinal = _current.GetOrdinal(id);
        if (ordinal < 0)
        {
            throw RebalanceErrors.NodeNotFound(id);
        }

        var group = _current.GetNode(ordinal).ReplicaGroup;
        if (_current.Groups[group].Count == 1)
        {
            throw RebalanceErrors.InvalidGroup($"Node `{id}` is the last node of replica group {group}; remove the group instead (DELETE /_miroir/groups/{group}).");
        }

        return Plan("drainNode", id, () => _current.WithoutNode(id));
    });

    public Task AddGroupAsync(IReadOnlyList<TopologyNode> nodes) => ChangeAsync(() =>
    {
        if (nodes.Count == 0)
        {
            throw RebalanceErrors.InvalidGroup("A new replica group needs at least one node.");
        }

        foreach (var node in nodes)
        {
            CheckNewId(node.Id);
        }

        if (nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Count() != nodes.Count)
        {
            throw RebalanceErrors.NodeExists(nodes.GroupBy(n => n.Id, StringComparer.Ordinal).First(g => g.Count() > 1).Key);
        }

        var group = _current.ReplicaGroupCount;
        return Plan("addGroup", group.ToString(System.Globalization.CultureInfo.InvariantCulture), () => _current.WithGroup(nodes));
    });

    public Task RemoveGroupAsync(int group) => ChangeAsync(() =>
    {
        if (group < 0 || group >= _current.ReplicaGroupCount)
        {
            throw RebalanceErrors.InvalidGroup($"Replica group {group} does not exist; groups are 0..{_current.ReplicaGroupCount - 1}.");
        }

        if (_current.ReplicaGroupCount == 1)
        {
            throw RebalanceErrors.InvalidGroup("The last replica group cannot be removed.");
        }

        return Plan("removeGroup", group.ToString(System.Globalization.CultureInfo.InvariantCulture), () => _current.WithoutGroup(group));
    });

    /// <summary>Forgets a drained node (it left the topology when its rebalance switched reads).</summary>
    public async Task ForgetNodeAsync(string id)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_current.GetOrdinal(id) >= 0 || _plan?.Target.GetOrdinal(id) >= 0)
            {
                throw RebalanceErrors.NotDrained(id);
            }

            lock (_drained)
            {
                if (!_drained.Contains(id))
                {
                    throw RebalanceErrors.NodeNotFound(id);
                }
            }

            await _state.AppendAsync(id, TopologyRecords.WriteNodeForgotten).ConfigureAwait(false);
            lock (_drained)
            {
                _drained.Remove(id);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Resumes a paused rebalance; false when none is pending.</summary>
    public async Task<bool> ResumeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_plan is not { } plan)
            {
                return false;
            }

            if (_running || Progress.Phase != RebalancePhase.Paused)
            {
                throw RebalanceErrors.InProgress(plan.Operation, plan.Subject);
            }

            Progress.Resume(plan.Switched ? RebalancePhase.Cleaning : RebalancePhase.Copying);
            _queue.Writer.TryWrite(plan);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ChangeAsync(Func<RebalancePlan> validate)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_plan is { } running)
            {
                throw RebalanceErrors.InProgress(running.Operation, running.Subject);
            }

            var plan = validate();
            await _state.AppendAsync(plan, TopologyRecords.WriteRebalance).ConfigureAwait(false);
            _plan = plan;
            Progress.Begin(plan);
            PlanProgress(plan);
            SetMovingStates(plan);
            _cluster.Publish(_current, plan.Target);
            RebalanceLog.Started(_logger, plan.Operation, plan.Subject);
            _queue.Writer.TryWrite(plan);
        }
        finally
        {
            _gate.Release();
        }
    }

    private RebalancePlan Plan(string operation, string subject, Func<Topology> target)
    {
        try
        {
            return new RebalancePlan(operation, subject, _current, target(), _time.GetUtcNow());
        }
        catch (ArgumentException e)
        {
            throw RebalanceErrors.InvalidRequest(e.Message);
        }
    }

    private void CheckNewId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw RebalanceErrors.InvalidRequest("A node needs a non-empty `id`.");
        }

        if (_current.GetOrdinal(id) >= 0)
        {
            throw RebalanceErrors.NodeExists(id);
        }

        lock (_drained)
        {
            // A drained node keeps its old shards' documents until it is deleted: re-adding it under the same id would mix them.
            if (_drained.Contains(id))
            {
                throw RebalanceErrors.NodeExists(id);
            }
        }
    }
}
