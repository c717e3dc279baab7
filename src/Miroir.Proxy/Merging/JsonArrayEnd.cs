using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Finds the end of a JSON array without tokenizing it: the hits a merge does not take are only stepped over.</summary>
/// <remarks>
/// In well-nested JSON the array ends at the first <c>]</c> outside strings where square brackets balance (braces
/// never matter), so only quotes, backslashes and square brackets are looked at. Blocks of 64 bytes become bit
/// masks; quotes toggle an in-string mask (prefix XOR), so brackets inside strings are ignored. A block with a
/// backslash (an escape, rare) goes through the byte loop. Nothing is validated: the skipped values are never read.
/// </remarks>
internal static class JsonArrayEnd
{
    /// <summary>Index of the <c>]</c> that closes the array whose elements start at <paramref name="start"/> (outside any string).</summary>
    /// <exception cref="JsonException">The input ends before the array does.</exception>
    public static int Find(ReadOnlySpan<byte> json, int start)
    {
        var state = default(State);
        var i = start;
        while (i < json.Length)
        {
            if (Vector128.IsHardwareAccelerated && !state.Escaped && json.Length - i >= 64
                && TryBlock(ref Unsafe.Add(ref MemoryMarshal.GetReference(json), i), ref state, out var offset))
            {
                if (offset >= 0)
                {
                    return i + offset;
                }

                i += 64;
                continue;
            }

            var stop = Math.Min(i + 64, json.Length);
            for (; i < stop; i++)
            {
                if (Step(json[i], ref state))
                {
                    return i;
                }
            }
        }

        throw new JsonException("A node search response ends inside its `hits` array.");
    }

    // False when the block has a backslash (the caller walks it byte by byte); else offset = where the array ends, or -1.
    private static bool TryBlock(ref byte block, ref State state, out int offset)
    {
        offset = -1;
        var (backslash, quote, open, close) = Masks(ref block);
        if (backslash != 0)
        {
            return false;
        }

        if ((open | close) == 0)
        {
            // Most blocks: only the string state carries over.
            state.InString ^= (BitOperations.PopCount(quote) & 1) != 0;
            return true;
        }

        var inString = PrefixXor(quote) ^ (state.InString ? ulong.MaxValue : 0);
        state.InString = (long)inString < 0;
        open &= ~inString;
        for (var ends = close & ~inString; ends != 0; ends &= ends - 1)
        {
            var before = (ends & (0 - ends)) - 1;
            if (state.Depth + BitOperations.PopCount(open & before) - BitOperations.PopCount(close & ~inString & before) == 0)
            {
                offset = BitOperations.TrailingZeroCount(ends);
                return true;
            }
        }

        state.Depth += BitOperations.PopCount(open) - BitOperations.PopCount(close & ~inString);
        return true;
    }

    // Bit i of each mask: byte i of the block is a backslash, a quote, `[`, `]`. The widest accelerated vectors win.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Backslash, ulong Quote, ulong Open, ulong Close) Masks(ref byte block)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref block);
            return (Mask(v, (byte)'\\'), Mask(v, (byte)'"'), Mask(v, (byte)'['), Mask(v, (byte)']'));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256.LoadUnsafe(ref block);
            var hi = Vector256.LoadUnsafe(ref block, 32);
            return (Mask(lo, hi, (byte)'\\'), Mask(lo, hi, (byte)'"'), Mask(lo, hi, (byte)'['), Mask(lo, hi, (byte)']'));
        }

        var v0 = Vector128.LoadUnsafe(ref block);
        var v1 = Vector128.LoadUnsafe(ref block, 16);
        var v2 = Vector128.LoadUnsafe(ref block, 32);
        var v3 = Vector128.LoadUnsafe(ref block, 48);
        return (Mask(v0, v1, v2, v3, (byte)'\\'), Mask(v0, v1, v2, v3, (byte)'"'), Mask(v0, v1, v2, v3, (byte)'['), Mask(v0, v1, v2, v3, (byte)']'));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector512<byte> v, byte value) => Vector512.Equals(v, Vector512.Create(value)).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> lo, Vector256<byte> hi, byte value)
    {
        var c = Vector256.Create(value);
        return Vector256.Equals(lo, c).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(hi, c).ExtractMostSignificantBits() << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector128<byte> v0, Vector128<byte> v1, Vector128<byte> v2, Vector128<byte> v3, byte value)
    {
        var c = Vector128.Create(value);
        return Vector128.Equals(v0, c).ExtractMostSignificantBits()
            | ((ulong)Vector128.Equals(v1, c).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(v2, c).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(v3, c).ExtractMostSignificantBits() << 48);
    }

    // Bit i = parity of the quotes at or before i: set from an opening quote up to (not including) its closing one.
    private static ulong PrefixXor(ulong x)
    {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        return x ^ (x << 32);
    }

    // True when b closes the array.
    private static bool Step(byte b, ref State state)
    {
        if (state.InString)
        {
            if (state.Escaped)
            {
                state.Escaped = false;
            }
            else if (b == '\\')
            {
                state.Escaped = true;
            }
            else if (b == '"')
            {
                state.InString = false;
            }

            return false;
        }

        switch (b)
        {
            case (byte)'"':
                state.InString = true;
                return false;
            case (byte)'[':
                state.Depth++;
                return false;
            case (byte)']':
                return state.Depth-- == 0;
            default:
                return false;
        }
    }

    private struct State
    {
        public int Depth;
        public bool InString;
        public bool Escaped;
    }
}
