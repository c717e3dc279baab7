using System.Buffers.Binary;
using System.Numerics;

namespace Miroir.Core.Tests.Routing;

/// <summary>
/// An independent, deliberately naive XXH64 written from the algorithm description, so the
/// routing tests do not only check System.IO.Hashing against itself.
/// </summary>
internal static class ReferenceXxHash64
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;
    private const ulong P4 = 0x85EBCA77C2B2AE63UL;
    private const ulong P5 = 0x27D4EB2F165667C5UL;

    public static ulong Hash(byte[] input)
    {
        ulong seed = 0;
        var i = 0;
        ulong h;
        if (input.Length >= 32)
        {
            ulong v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
            for (; i + 32 <= input.Length; i += 32)
            {
                v1 = Round(v1, Read64(input, i));
                v2 = Round(v2, Read64(input, i + 8));
                v3 = Round(v3, Read64(input, i + 16));
                v4 = Round(v4, Read64(input, i + 24));
            }

            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = Merge(Merge(Merge(Merge(h, v1), v2), v3), v4);
        }
        else
        {
            h = seed + P5;
        }

        h += (ulong)input.Length;
        for (; i + 8 <= input.Length; i += 8)
        {
            h ^= Round(0, Read64(input, i));
            h = BitOperations.RotateLeft(h, 27) * P1 + P4;
        }

        if (i + 4 <= input.Length)
        {
            h ^= BinaryPrimitives.ReadUInt32LittleEndian(input.AsSpan(i)) * P1;
            h = BitOperations.RotateLeft(h, 23) * P2 + P3;
            i += 4;
        }

        for (; i < input.Length; i++)
        {
            h ^= input[i] * P5;
            h = BitOperations.RotateLeft(h, 11) * P1;
        }

        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    private static ulong Read64(byte[] input, int at) => BinaryPrimitives.ReadUInt64LittleEndian(input.AsSpan(at));

    private static ulong Round(ulong acc, ulong lane) => BitOperations.RotateLeft(acc + lane * P2, 31) * P1;

    private static ulong Merge(ulong acc, ulong value) => (acc ^ Round(0, value)) * P1 + P4;
}
