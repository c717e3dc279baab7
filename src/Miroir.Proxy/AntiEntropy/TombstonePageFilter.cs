using System.Text.Json;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Drops from a page of documents (a raw JSON array, as a shard copy reads it) those a tombstone by id or delete-all
/// covers, so a copy never writes a deleted document to a new owner: a page read before a dual-written delete reached
/// the source would otherwise land on the target after it. Delete-by-filter tombstones are left to anti-entropy, which
/// asks a node whether the filter matches.
/// </summary>
internal sealed class TombstonePageFilter(TombstoneStore tombstones, string index, string primaryKey, string updatedAtField)
{
    private readonly DocumentFingerprint _fingerprint = new(primaryKey, updatedAtField);

    /// <summary>The page without covered documents (the same array when none is), and how many were dropped.</summary>
    public (byte[] Page, int Dropped) Apply(byte[] page)
    {
        if (!tombstones.CoversIds(index))
        {
            return (page, 0);
        }

        var kept = new List<Range>();
        var total = 0;
        var reader = new Utf8JsonReader(page);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var document = start..(int)reader.BytesConsumed;
            total++;
            if (_fingerprint.Compute(page, document) is not { } print
                || tombstones.DeletedAt(index, PrimaryKeyText.FromToken(page.AsSpan(print.PkStart, print.PkLength))) is not { } deletedAt
                || print.UpdatedAt > deletedAt)
            {
                kept.Add(document);
            }
        }

        return kept.Count == total ? (page, 0) : (Join(page, kept), total - kept.Count);
    }

    private static byte[] Join(byte[] page, List<Range> documents)
    {
        using var buffer = new MemoryStream(page.Length);
        buffer.WriteByte((byte)'[');
        for (var i = 0; i < documents.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(page.AsSpan(documents[i]));
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }
}
