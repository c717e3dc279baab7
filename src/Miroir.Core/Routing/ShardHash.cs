using System.Buffers;
using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;

namespace Miroir.Core.Routing;

/// <summary>
/// The frozen primary-key hash of spec §2: XxHash64 (seed 0) over the UTF-8 of the key's
/// canonical string followed by one 0xFF byte. Changing anything here moves every document.
/// </summary>
/// <remarks>
/// Canonical strings: a string id is itself; an integer id is its decimal form, so the
/// integer 1 and the string "1" hash identically (Meilisearch treats them as one id).
/// Strings are encoded with <see cref="Encoding.UTF8"/> (a lone surrogate becomes U+FFFD).
/// </remarks>
public static partial class ShardHash
{
    /// <summary>The byte appended after every canonical key and node id.</summary>
    public const byte Terminator = 0xFF;

    // Meilisearch caps document ids at 511 bytes, so real keys always hash from the stack.
    private const int StackLimit = 512;

    /// <summary>Hash of an already canonical UTF-8 key (the terminator is appended here).</summary>
    public static ulong HashCanonical(ReadOnlySpan<byte> canonicalUtf8)
    {
        if (canonicalUtf8.Length < StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            canonicalUtf8.CopyTo(buffer);
            buffer[canonicalUtf8.Length] = Terminator;
            return XxHash64.HashToUInt64(buffer[..(canonicalUtf8.Length + 1)]);
        }

        return HashLarge(canonicalUtf8);
    }

    /// <summary>Hash of a string primary key.</summary>
    public static ulong Hash(ReadOnlySpan<char> key)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (max < StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            var length = Encoding.UTF8.GetBytes(key, buffer);
            buffer[length] = Terminator;
            return XxHash64.HashToUInt64(buffer[..(length + 1)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(key, rented);
            return HashCanonical(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Hash of a signed integer primary key (canonical decimal form).</summary>
    public static ulong Hash(long key)
    {
        Span<byte> buffer = stackalloc byte[24];
        Utf8Formatter.TryFormat(key, buffer, out var length);
        buffer[length] = Terminator;
        return XxHash64.HashToUInt64(buffer[..(length + 1)]);
    }

    /// <summary>Hash of an unsigned integer primary key (canonical decimal form).</summary>
    public static ulong Hash(ulong key)
    {
        Span<byte> buffer = stackalloc byte[24];
        Utf8Formatter.TryFormat(key, buffer, out var length);
        buffer[length] = Terminator;
        return XxHash64.HashToUInt64(buffer[..(length + 1)]);
    }

    /// <summary>Maps a key hash onto one of <paramref name="shardCount"/> shards.</summary>
    public static int ToShard(ulong hash, int shardCount) => (int)(hash % (uint)shardCount);

    private static ulong HashLarge(ReadOnlySpan<byte> canonicalUtf8)
    {
        // Oversized keys are invalid document ids anyway; one hasher object is fine here.
        var hasher = new XxHash64();
        hasher.Append(canonicalUtf8);
        ReadOnlySpan<byte> terminator = [Terminator];
        hasher.Append(terminator);
        return hasher.GetCurrentHashAsUInt64();
    }
}
