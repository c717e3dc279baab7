using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Miroir.Core.Routing;

/// <summary>
/// Rendezvous (highest-random-weight) placement of spec §2:
/// <c>score(shard, node) = XxHash64(seed 0, u32le(shard) ++ utf8(node.id) ++ 0xFF)</c>;
/// a shard's owners in a group are the RF highest scores, ties broken by ordinal node id.
/// </summary>
public static class Rendezvous
{
    /// <summary>Score of <paramref name="nodeId"/> for <paramref name="shard"/>.</summary>
    public static ulong Score(int shard, string nodeId)
    {
        var max = Encoding.UTF8.GetMaxByteCount(nodeId.Length) + 5;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : new byte[max];
        var length = Encoding.UTF8.GetBytes(nodeId, buffer[4..]);
        return Score(shard, buffer[..(length + 5)]);
    }

    /// <summary>
    /// Scores a prepared buffer laid out as <c>[4 bytes for the shard][utf8 id][any byte]</c>;
    /// the shard and the terminator are written here, so one buffer per node is reused for all shards.
    /// </summary>
    internal static ulong Score(int shard, Span<byte> prepared)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(prepared, (uint)shard);
        prepared[^1] = ShardHash.Terminator;
        return XxHash64.HashToUInt64(prepared);
    }

    /// <summary>
    /// The owners of <paramref name="shard"/> among <paramref name="nodeIds"/>: the
    /// <paramref name="replicationFactor"/> best nodes (fewer if the group is smaller), best first.
    /// </summary>
    public static string[] Assign(int shard, IReadOnlyCollection<string> nodeIds, int replicationFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        var ranked = nodeIds.Select(id => (Score: Score(shard, id), Id: id)).ToArray();
        Array.Sort(ranked, static (a, b) => Compare(a.Score, a.Id, b.Score, b.Id));
        return ranked.Take(replicationFactor).Select(r => r.Id).ToArray();
    }

    /// <summary>Preference order: higher score first, then smaller ordinal id.</summary>
    internal static int Compare(ulong scoreA, string idA, ulong scoreB, string idB)
    {
        var byScore = scoreB.CompareTo(scoreA);
        return byScore != 0 ? byScore : string.CompareOrdinal(idA, idB);
    }
}
