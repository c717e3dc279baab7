using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Miroir.Core.Routing;

/// <summary>Primary-key hashing straight from JSON tokens, without materialising strings.</summary>
public static partial class ShardHash
{
    /// <summary>
    /// Hashes a primary-key JSON token given its raw value bytes (a string token's contents
    /// without quotes, as <see cref="Utf8JsonReader.ValueSpan"/>; a number token's text).
    /// </summary>
    /// <returns>False when the token is not a valid id: not a string or integer, a
    /// non-integer number, an integer outside the 64-bit ranges, or a bad escape.</returns>
    public static bool TryHashJsonToken(
        ReadOnlySpan<byte> tokenValue, JsonTokenType tokenType, bool valueIsEscaped, out ulong hash)
    {
        hash = 0;
        switch (tokenType)
        {
            case JsonTokenType.String when !valueIsEscaped:
                hash = HashCanonical(tokenValue);
                return true;
            case JsonTokenType.String:
                return TryHashEscaped(tokenValue, out hash);
            case JsonTokenType.Number when IsCanonicalInteger(tokenValue):
                // JSON forbids leading zeros, so the integer's text already is its decimal form.
                hash = HashCanonical(tokenValue);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Hashes the token the reader is positioned on (see <see cref="TryHashJsonToken"/>).</summary>
    public static bool TryHash(ref Utf8JsonReader reader, out ulong hash)
    {
        if (!reader.HasValueSequence)
        {
            return TryHashJsonToken(reader.ValueSpan, reader.TokenType, reader.ValueIsEscaped, out hash);
        }

        var sequence = reader.ValueSequence;
        if (sequence.Length < StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            sequence.CopyTo(buffer);
            return TryHashJsonToken(buffer[..(int)sequence.Length], reader.TokenType, reader.ValueIsEscaped, out hash);
        }

        var rented = ArrayPool<byte>.Shared.Rent(checked((int)sequence.Length));
        try
        {
            sequence.CopyTo(rented);
            return TryHashJsonToken(rented.AsSpan(0, (int)sequence.Length), reader.TokenType, reader.ValueIsEscaped, out hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// True for the integers Meilisearch accepts as ids (serde_json's u64 and negative i64):
    /// no fraction, no exponent, no leading zero, not "-0", within range.
    /// </summary>
    internal static bool IsCanonicalInteger(ReadOnlySpan<byte> text)
    {
        var negative = text.Length > 0 && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return false;
        }

        if (digits[0] == (byte)'0')
        {
            // "0" is canonical; "-0" is a float for serde_json and "01" is not JSON.
            return digits.Length == 1 && !negative;
        }

        return negative
            ? Utf8Parser.TryParse(text, out long _, out var used) && used == text.Length
            : Utf8Parser.TryParse(text, out ulong _, out used) && used == text.Length;
    }

    private static bool TryHashEscaped(ReadOnlySpan<byte> escaped, out ulong hash)
    {
        hash = 0;
        // Unescaping never grows the text: every escape is at least as long as its UTF-8.
        var rented = escaped.Length < StackLimit ? null : ArrayPool<byte>.Shared.Rent(escaped.Length);
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            if (!JsonUnescaper.TryUnescape(escaped, buffer, out var written))
            {
                return false;
            }

            hash = HashCanonical(buffer[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
