using System.Numerics;
using System.Runtime.InteropServices;

namespace Miroir.Engine.Vectors;

/// <summary>SIMD dot products and the cosine-to-score mapping Meilisearch uses for vector hits.</summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static float Norm(ReadOnlySpan<float> v) => MathF.Sqrt(Dot(v, v));

    /// <summary>
    /// Meilisearch's vector score: its store reports the angular distance <c>(1 - cos) / 2</c> and
    /// the ranking rule turns it into <c>1 - distance</c>, i.e. <c>(1 + cos) / 2</c> in [0, 1].
    /// A zero vector has no direction; it scores as orthogonal (0.5).
    /// </summary>
    public static float Similarity(ReadOnlySpan<float> a, float normA, ReadOnlySpan<float> b, float normB)
    {
        var denominator = normA * normB;
        if (!(denominator > float.Epsilon) || !float.IsFinite(denominator))
        {
            return 0.5f;
        }
        var cos = Math.Clamp(Dot(a, b) / denominator, -1f, 1f);
        return (1f + cos) / 2f;
    }
}
