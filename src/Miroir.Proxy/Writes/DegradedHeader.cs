using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Writes;

/// <summary>
/// <c>X-Miroir-Degraded</c> on an acknowledged write: <c>groups=0,1</c> (groups that missed <c>write_quorum</c> for
/// some shard) and <c>copies=node-2/3,node-2/7</c> (every node/shard copy that did not take the write), each part
/// present only when non-empty, separated by <c>"; "</c>.
/// </summary>
internal static class DegradedHeader
{
    public const string Name = "X-Miroir-Degraded";

    /// <summary>The header value, or an empty string when every copy took the write.</summary>
    public static string Format(WriteQuorum quorum, IReadOnlyList<NodeClient> nodes)
    {
        var parts = new List<string>(2);
        if (quorum.DegradedGroups.Length > 0)
        {
            parts.Add("groups=" + string.Join(',', quorum.DegradedGroups));
        }

        if (quorum.Missed.Count > 0)
        {
            parts.Add("copies=" + string.Join(',', quorum.Missed.SelectMany(m => m.Shards.Select(s => nodes[m.Node].Id + "/" + s))));
        }

        return string.Join("; ", parts);
    }
}
