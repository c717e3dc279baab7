using System.Buffers;
using System.Buffers.Text;

namespace Miroir.Proxy.Routing;

/// <summary>Mutable per-request state of one routing pass: per-node pooled buffers and counters.</summary>
internal sealed class RouteState
{
    private static ReadOnlySpan<byte> ShardPrefix => ",\"_miroir_shard\":"u8;

    private readonly WriteRouteTable _table;
    private readonly long? _updatedAtMs;
    private readonly PooledBufferWriter?[] _bodies;
    private readonly int[] _nodeCounts;
    private readonly int[] _shardCounts;
    private readonly int _initialCapacity;
    private int _total;

    public RouteState(WriteRouteTable table, DocumentRoutingOptions options, long? updatedAtMs, int bodyLength)
    {
        _table = table;
        Options = options;
        _updatedAtMs = updatedAtMs;
        _bodies = new PooledBufferWriter?[table.NodeCount];
        _nodeCounts = new int[table.NodeCount];
        _shardCounts = new int[table.ShardCount];
        var copies = table.TargetsOf(0).Length;

        // Expected share of the body per node plus an eighth for the injected fields and shard skew, so buffers do
        // not regrow (a regrow copies the whole sub-batch); pages a buffer never writes are never touched.
        var share = (long)bodyLength * Math.Max(copies, 1) / table.NodeCount;
        _initialCapacity = (int)Math.Min(Array.MaxLength, share + share / 8 + 1024);
        IdBuffer = ArrayPool<byte>.Shared.Rent(DocumentScanner.MaxIdBytes + 1);
    }

    public DocumentRoutingOptions Options { get; }

    /// <summary>Scratch for the current document's canonical id.</summary>
    public byte[] IdBuffer { get; }

    /// <summary>Adds one document: <paramref name="withoutClosingBrace"/> is its raw text up to, not including, the final <c>}</c>.</summary>
    public void Add(ReadOnlySpan<byte> withoutClosingBrace, bool hasFields, ReadOnlySpan<byte> canonicalId)
    {
        var shard = _table.ShardOf(canonicalId);
        if ((uint)shard >= (uint)_table.ShardCount)
        {
            throw new InvalidOperationException($"Shard function returned {shard} for S={_table.ShardCount}.");
        }

        // Shard (≤ 5 digits), stamp (≤ 20 digits) and field names bounded by config validation (≤ 48 bytes).
        Span<byte> suffix = stackalloc byte[160];
        var length = WriteSuffix(suffix, shard, hasFields);
        suffix = suffix[..length];

        foreach (var node in _table.TargetsOf(shard))
        {
            var body = _bodies[node] ??= new PooledBufferWriter(_initialCapacity);
            body.Write(_nodeCounts[node] == 0 ? (byte)'[' : (byte)',');
            body.Write(withoutClosingBrace);
            body.Write(suffix);
            _nodeCounts[node]++;
        }

        _shardCounts[shard]++;
        _total++;
    }

    /// <summary>Closes every array and hands the buffers over.</summary>
    public RoutedBatch Complete()
    {
        foreach (var body in _bodies)
        {
            body?.Write((byte)']');
        }

        ArrayPool<byte>.Shared.Return(IdBuffer);
        return new RoutedBatch(_bodies, _nodeCounts, _shardCounts, _total);
    }

    /// <summary>Releases everything after a validation error.</summary>
    public void Abandon()
    {
        for (var i = 0; i < _bodies.Length; i++)
        {
            _bodies[i]?.Dispose();
            _bodies[i] = null;
        }

        ArrayPool<byte>.Shared.Return(IdBuffer);
    }

    private int WriteSuffix(Span<byte> suffix, int shard, bool hasFields)
    {
        var prefix = hasFields ? ShardPrefix : ShardPrefix[1..];
        prefix.CopyTo(suffix);
        var at = prefix.Length;
        Utf8Formatter.TryFormat(shard, suffix[at..], out var written);
        at += written;
        if (_updatedAtMs is { } stamp)
        {
            var stampPrefix = Options.UpdatedAtPrefixUtf8;
            stampPrefix.CopyTo(suffix[at..]);
            at += stampPrefix.Length;
            Utf8Formatter.TryFormat(stamp, suffix[at..], out written);
            at += written;
        }

        suffix[at++] = (byte)'}';
        return at;
    }
}
