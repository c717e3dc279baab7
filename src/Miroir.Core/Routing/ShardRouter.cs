using System.Text.Json;

namespace Miroir.Core.Routing;

/// <summary>Maps primary keys to one of an index's S shards (spec §2); a cheap value to pass around.</summary>
public readonly struct ShardRouter
{
    public ShardRouter(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
    }

    /// <summary>S, the number of shards of the index.</summary>
    public int ShardCount { get; }

    public int GetShard(string key) => ShardHash.ToShard(ShardHash.Hash(key.AsSpan()), ShardCount);

    public int GetShard(ReadOnlySpan<char> key) => ShardHash.ToShard(ShardHash.Hash(key), ShardCount);

    public int GetShard(long key) => ShardHash.ToShard(ShardHash.Hash(key), ShardCount);

    public int GetShard(ulong key) => ShardHash.ToShard(ShardHash.Hash(key), ShardCount);

    /// <summary>Shard of a key given as its canonical UTF-8 (no terminator).</summary>
    public int GetShardOfCanonical(ReadOnlySpan<byte> canonicalUtf8) =>
        ShardHash.ToShard(ShardHash.HashCanonical(canonicalUtf8), ShardCount);

    /// <summary>Shard of a JSON token's raw value; false if it is not a valid document id.</summary>
    public bool TryGetShard(ReadOnlySpan<byte> tokenValue, JsonTokenType tokenType, bool valueIsEscaped, out int shard)
    {
        var ok = ShardHash.TryHashJsonToken(tokenValue, tokenType, valueIsEscaped, out var hash);
        shard = ok ? ShardHash.ToShard(hash, ShardCount) : -1;
        return ok;
    }

    /// <summary>Shard of the token the reader stands on; false if it is not a valid document id.</summary>
    public bool TryGetShard(ref Utf8JsonReader reader, out int shard)
    {
        var ok = ShardHash.TryHash(ref reader, out var hash);
        shard = ok ? ShardHash.ToShard(hash, ShardCount) : -1;
        return ok;
    }
}
