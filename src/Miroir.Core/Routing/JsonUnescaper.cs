using System.Buffers.Text;
using System.Text;

namespace Miroir.Core.Routing;

/// <summary>Decodes the escapes of a JSON string's contents into UTF-8, allocation-free.</summary>
/// <remarks>
/// Mirrors what <c>Utf8JsonReader.CopyString</c> produces, so a key hashed from raw token
/// bytes equals the key hashed from the decoded string. Lone surrogates are refused, as
/// System.Text.Json refuses them.
/// </remarks>
internal static class JsonUnescaper
{
    /// <summary>Unescapes <paramref name="source"/> into <paramref name="destination"/>
    /// (which must be at least as long as the source).</summary>
    public static bool TryUnescape(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var next = source[i..].IndexOf((byte)'\\');
            var plain = next < 0 ? source[i..] : source.Slice(i, next);
            plain.CopyTo(destination[written..]);
            written += plain.Length;
            i += plain.Length;
            if (next < 0)
            {
                return true;
            }

            if (!TryDecodeEscape(source, ref i, destination, ref written))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryDecodeEscape(ReadOnlySpan<byte> source, ref int i, Span<byte> destination, ref int written)
    {
        if (i + 1 >= source.Length)
        {
            return false;
        }

        byte simple = source[i + 1] switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'/' => (byte)'/',
            (byte)'b' => (byte)'\b',
            (byte)'f' => (byte)'\f',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            _ => 0,
        };
        if (simple != 0)
        {
            destination[written++] = simple;
            i += 2;
            return true;
        }

        if (source[i + 1] != (byte)'u' || !TryReadHex4(source, i + 2, out var unit))
        {
            return false;
        }

        i += 6;
        int scalar = unit;
        if (char.IsHighSurrogate((char)unit))
        {
            if (i + 1 >= source.Length || source[i] != (byte)'\\' || source[i + 1] != (byte)'u'
                || !TryReadHex4(source, i + 2, out var low) || !char.IsLowSurrogate((char)low))
            {
                return false;
            }

            scalar = char.ConvertToUtf32((char)unit, (char)low);
            i += 6;
        }
        else if (char.IsLowSurrogate((char)unit))
        {
            return false;
        }

        written += new Rune(scalar).EncodeToUtf8(destination[written..]);
        return true;
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> source, int start, out ushort value)
    {
        value = 0;
        return start + 4 <= source.Length
            && Utf8Parser.TryParse(source.Slice(start, 4), out value, out var used, 'X')
            && used == 4;
    }
}
