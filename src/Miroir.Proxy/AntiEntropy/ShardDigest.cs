using System.Buffers.Binary;
using System.IO.Hashing;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// One replica's fingerprint of a shard: 256 buckets keyed by the low byte of the pk hash, each the wrapping sum and
/// count of its documents' hashes. Sums are order-independent, so replicas that page documents in different orders
/// agree whenever they hold the same documents.
/// </summary>
internal sealed class ShardDigest
{
    public const int BucketCount = 256;

    private readonly ulong[] _sums = new ulong[BucketCount];
    private readonly int[] _counts = new int[BucketCount];

    /// <summary>Documents folded in.</summary>
    public long Documents { get; private set; }

    public void Add(in DocumentPrint print)
    {
        var bucket = print.Bucket;
        _sums[bucket] += print.Hash;
        _counts[bucket]++;
        Documents++;
    }

    /// <summary>True when bucket <paramref name="bucket"/> differs from the same bucket of <paramref name="other"/>.</summary>
    public bool BucketDiffers(ShardDigest other, int bucket)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _sums[bucket] != other._sums[bucket] || _counts[bucket] != other._counts[bucket];
    }

    /// <summary>The whole-shard digest: XxHash3 over every bucket's sum and count.</summary>
    public ulong Value()
    {
        Span<byte> bucket = stackalloc byte[12];
        var hasher = new XxHash3();
        for (var i = 0; i < BucketCount; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bucket, _sums[i]);
            BinaryPrimitives.WriteInt32LittleEndian(bucket[8..], _counts[i]);
            hasher.Append(bucket);
        }

        return hasher.GetCurrentHashAsUInt64();
    }
}
