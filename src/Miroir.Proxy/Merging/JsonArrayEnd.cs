using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Finds the end of a JSON array without tokenizing it: the hits a merge does not need are only stepped over.</summary>
/// <remarks>
/// Only brackets, braces, quotes and backslashes matter. Blocks of 64 bytes become bit masks; quotes toggle an
/// in-string mask (prefix XOR), so brackets inside strings are ignored. A block with a backslash (an escape, rare)
/// goes through the byte loop. The input is not validated beyond nesting: the skipped values are never read.
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
            if (Vector128.IsHardwareAccelerated && !state.Escaped && json.Length - i >= 64 && TryBlock(json, i, ref state, out var end))
            {
                if (end >= 0)
                {
                    return end;
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

    // False when the block has a backslash (the caller walks it byte by byte); else end = the closing index or -1.
    private static bool TryBlock(ReadOnlySpan<byte> json, int i, ref State state, out int end)
    {
        end = -1;
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(json), i);
        var v0 = Vector128.LoadUnsafe(ref at);
        var v1 = Vector128.LoadUnsafe(ref at, 16);
        var v2 = Vector128.LoadUnsafe(ref at, 32);
        var v3 = Vector128.LoadUnsafe(ref at, 48);
        if (Mask(v0, v1, v2, v3, (byte)'\\') != 0)
        {
            return false;
        }

        // ('[' | 0x20) == '{' and (']' | 0x20) == '}': one comparison each for openers and closers.
        var folded = Vector128.Create((byte)0x20);
        var inString = PrefixXor(Mask(v0, v1, v2, v3, (byte)'"')) ^ (state.InString ? ulong.MaxValue : 0);
        state.InString = (long)inString < 0;
        var open = Mask(v0 | folded, v1 | folded, v2 | folded, v3 | folded, (byte)'{') & ~inString;
        var close = Mask(v0 | folded, v1 | folded, v2 | folded, v3 | folded, (byte)'}') & ~inString;
        if (BitOperations.PopCount(close) <= state.Depth)
        {
            // The depth cannot reach the array's own level inside this block.
            state.Depth += BitOperations.PopCount(open) - BitOperations.PopCount(close);
            return true;
        }

        for (var bits = open | close; bits != 0; bits &= bits - 1)
        {
            var bit = BitOperations.TrailingZeroCount(bits);
            if ((open & (1UL << bit)) != 0)
            {
                state.Depth++;
            }
            else if (state.Depth-- == 0)
            {
                end = i + bit;
                return true;
            }
        }

        return true;
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
            case (byte)'[' or (byte)'{':
                state.Depth++;
                return false;
            case (byte)']' or (byte)'}':
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
