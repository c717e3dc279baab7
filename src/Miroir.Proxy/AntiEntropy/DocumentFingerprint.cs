using System.IO.Hashing;
using System.Text.Json;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Hashes one raw document as a node returned it. The content hash covers pk ‖ every top-level field (raw name and
/// raw value bytes, NUL-separated) in ordinal name order: a node lists fields in the order its index first saw them,
/// which differs between replicas that received documents in a different order, so hashing in wire order would
/// report false mismatches. Values are hashed as the node serialised them (compact JSON, nested order as written).
/// </summary>
internal sealed class DocumentFingerprint
{
    private static ReadOnlySpan<byte> Separator => [0];

    private readonly byte[] _primaryKey;
    private readonly byte[] _updatedAtField;
    private readonly XxHash3 _hasher = new();
    private (int NameStart, int NameLength, int ValueStart, int ValueLength)[] _fields = new (int, int, int, int)[32];

    public DocumentFingerprint(string primaryKey, string updatedAtField)
    {
        _primaryKey = System.Text.Encoding.UTF8.GetBytes(primaryKey);
        _updatedAtField = System.Text.Encoding.UTF8.GetBytes(updatedAtField);
    }

    /// <summary>Fingerprints the object at <paramref name="document"/> (a slice of <paramref name="buffer"/>); null when it has no primary key.</summary>
    public DocumentPrint? Compute(ReadOnlySpan<byte> buffer, Range document)
    {
        var (offset, length) = document.GetOffsetAndLength(buffer.Length);
        var json = buffer.Slice(offset, length);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        int count = 0, pkStart = -1, pkLength = 0;
        long updatedAt = 0;
        long? expiresAt = null;
        var isWhole = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex + 1;
            var nameLength = reader.ValueSpan.Length;
            var isPk = reader.ValueTextEquals(_primaryKey);
            var isUpdatedAt = !isPk && reader.ValueTextEquals(_updatedAtField);
            var isExpiresAt = !isPk && !isUpdatedAt && reader.ValueTextEquals(DocumentRoutingOptions.ExpiresAtField);
            isWhole |= reader.ValueTextEquals(DocumentRoutingOptions.ShardField);
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.Number && (isUpdatedAt || isExpiresAt) && reader.TryGetInt64(out var ms))
            {
                if (isUpdatedAt)
                {
                    updatedAt = ms;
                }
                else
                {
                    expiresAt = ms;
                }
            }

            var valueLength = (int)reader.BytesConsumed - valueStart;
            if (isPk)
            {
                (pkStart, pkLength) = (valueStart, valueLength);
            }

            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }

            _fields[count++] = (nameStart, nameLength, valueStart, valueLength);
        }

        if (pkStart < 0)
        {
            return null;
        }

        SortByName(json, _fields.AsSpan(0, count));
        var pk = json.Slice(pkStart, pkLength);
        _hasher.Reset();
        _hasher.Append(pk);
        foreach (var (nameStart, nameLength, valueStart, valueLength) in _fields.AsSpan(0, count))
        {
            _hasher.Append(Separator);
            _hasher.Append(json.Slice(nameStart, nameLength));
            _hasher.Append(Separator);
            _hasher.Append(json.Slice(valueStart, valueLength));
        }

        return new DocumentPrint(offset + pkStart, pkLength, XxHash3.HashToUInt64(pk), _hasher.GetCurrentHashAsUInt64(), updatedAt, expiresAt, isWhole);
    }

    /// <summary>Insertion sort: documents have few fields, and it needs neither a delegate nor a copy.</summary>
    private static void SortByName(ReadOnlySpan<byte> json, Span<(int NameStart, int NameLength, int ValueStart, int ValueLength)> fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            var current = fields[i];
            var name = json.Slice(current.NameStart, current.NameLength);
            var j = i - 1;
            while (j >= 0 && json.Slice(fields[j].NameStart, fields[j].NameLength).SequenceCompareTo(name) > 0)
            {
                fields[j + 1] = fields[j];
                j--;
            }

            fields[j + 1] = current;
        }
    }
}
