using Miroir.Proxy.Cluster;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Indexes;

/// <summary>Index metadata's part of a state snapshot: one <c>index</c> record per known index.</summary>
internal sealed class IndexMetaSnapshot(ClusterState cluster) : IStateSnapshotSource
{
    public IReadOnlyCollection<string> RecordKinds { get; } = ["index", "indexDeleted"];

    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var index in cluster.View.Indexes)
        {
            writer.Write(index, StateRecords.WriteIndex);
        }
    }
}
