using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Tests.Routing;

/// <summary>Spec §2 routing computed independently of the router, to check where documents land.</summary>
internal static class TestRouteTables
{
    public static int ShardOf(ReadOnlySpan<byte> canonical, int shards)
    {
        var bytes = new byte[canonical.Length + 1];
        canonical.CopyTo(bytes);
        bytes[^1] = 0xFF;
        return (int)(XxHash64.HashToUInt64(bytes) % (ulong)shards);
    }

    public static int ShardOf(string canonical, int shards) => ShardOf(Encoding.UTF8.GetBytes(canonical), shards);

    /// <summary>Rendezvous owners of each shard among nodes "node-0".."node-{n-1}" (one group).</summary>
    public static int[][] Owners(int shards, int nodes, int rf)
    {
        var owners = new int[shards][];
        for (var s = 0; s < shards; s++)
        {
            var shard = s;
            owners[s] = Enumerable.Range(0, nodes)
                .Select(n => (Node: n, Score: Score(shard, "node-" + n)))
                .OrderByDescending(x => x.Score)
                .ThenBy(x => "node-" + x.Node, StringComparer.Ordinal)
                .Take(rf)
                .Select(x => x.Node)
                .ToArray();
        }

        return owners;
    }

    public static WriteRouteTable Table(int shards = 12, int nodes = 3, int rf = 2) =>
        new(key => ShardOf(key, shards), Owners(shards, nodes, rf), nodes);

    private static ulong Score(int shard, string node)
    {
        var id = Encoding.UTF8.GetBytes(node);
        var bytes = new byte[4 + id.Length + 1];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)shard);
        id.CopyTo(bytes, 4);
        bytes[^1] = 0xFF;
        return XxHash64.HashToUInt64(bytes);
    }
}
