namespace Miroir.Proxy.AntiEntropy;

/// <summary>One replica's copy of a document reduced to what reconciliation compares: the primary key and a content hash.</summary>
/// <param name="PkStart">Offset of the raw primary-key token (quotes included) in the scanned buffer.</param>
/// <param name="PkLength">Length of that token.</param>
/// <param name="PkHash">XxHash3 of the raw primary-key token; its low byte is the comparison bucket.</param>
/// <param name="Hash">XxHash3 of pk ‖ every top-level field in name order, so field order on the node does not matter.</param>
/// <param name="UpdatedAt">The write-time stamp (0 when missing, as for documents that predate it).</param>
/// <param name="ExpiresAt">The TTL expiry in ms, or null.</param>
/// <param name="IsWhole">The copy carries <c>_miroir_shard</c>: the node returned every field, so writing it back loses nothing.</param>
internal readonly record struct DocumentPrint(int PkStart, int PkLength, ulong PkHash, ulong Hash, long UpdatedAt, long? ExpiresAt, bool IsWhole)
{
    /// <summary>The comparison bucket (0-255) of this primary key.</summary>
    public int Bucket => (int)(PkHash & 0xFF);

    /// <summary>True when the copy is expired at <paramref name="nowMs"/> and must be deleted everywhere.</summary>
    public bool IsExpired(long nowMs) => ExpiresAt is { } expiry && expiry <= nowMs;
}
