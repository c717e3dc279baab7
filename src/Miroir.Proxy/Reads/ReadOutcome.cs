namespace Miroir.Proxy.Reads;

/// <summary>A finished read: status, JSON body and the shards that could not be asked (for the degraded header).</summary>
internal readonly record struct ReadOutcome(int Status, ReadOnlyMemory<byte> Body, int[] DegradedShards)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
