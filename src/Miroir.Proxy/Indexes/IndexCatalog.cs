using System.Text.Json;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Indexes;

/// <summary>The durable index metadata: each change is recorded in the state log, then published to <see cref="ClusterState"/>.</summary>
internal sealed class IndexCatalog(StateLog state, ClusterState cluster)
{
    /// <summary>Records index metadata durably, then publishes it.</summary>
    public async Task SaveAsync(IndexMeta index)
    {
        await state.AppendAsync(index, StateRecords.WriteIndex, cluster.SetIndex).ConfigureAwait(false);
    }

    public async Task ForgetAsync(string uid)
    {
        await state.AppendAsync(uid, StateRecords.WriteIndexDeleted, cluster.RemoveIndex).ConfigureAwait(false);
    }

    /// <summary>Replays an <c>index</c> or <c>indexDeleted</c> record; false for any other kind.</summary>
    public bool Apply(JsonElement record)
    {
        switch (record.GetProperty("r").GetString())
        {
            case "index":
                cluster.SetIndex(StateRecords.ReadIndex(record));
                return true;
            case "indexDeleted":
                cluster.RemoveIndex(record.GetProperty("uid").GetString()!);
                return true;
            default:
                return false;
        }
    }
}
