using Miroir.Engine.Indexing;

namespace Miroir.Engine.Vectors;

/// <summary>
/// The embeddings of one embedder, indexed by internal document id. A document may carry several
/// embeddings (stored back to back in one array) and is then as close as its closest one.
/// </summary>
internal sealed class EmbedderVectors(int dimensions)
{
    private float[]?[] _vectors = [];
    private float[]?[] _norms = [];

    public int Dimensions { get; } = dimensions;

    /// <summary>Documents whose vectors for this embedder came from the user (including opt-outs).</summary>
    public DocSet UserProvided { get; } = new();

    /// <summary>Documents holding at least one embedding.</summary>
    public DocSet WithVectors { get; } = new();

    public ReadOnlySpan<float> Get(int docId) =>
        (uint)docId < (uint)_vectors.Length ? _vectors[docId] : default;

    /// <summary>Replaces the document's embeddings; an empty array leaves it without vectors.</summary>
    public void Set(int docId, float[] flat)
    {
        UserProvided.Add(docId);
        if (flat.Length == 0)
        {
            ClearVectors(docId);
            return;
        }
        EnsureCapacity(docId);
        var count = flat.Length / Dimensions;
        var norms = new float[count];
        for (var i = 0; i < count; i++)
        {
            norms[i] = VectorMath.Norm(flat.AsSpan(i * Dimensions, Dimensions));
        }
        _vectors[docId] = flat;
        _norms[docId] = norms;
        WithVectors.Add(docId);
    }

    public void Remove(int docId)
    {
        ClearVectors(docId);
        UserProvided.Remove(docId);
    }

    /// <summary>The best score of the document's embeddings against the query, or -1 when it has none.</summary>
    public float BestSimilarity(int docId, ReadOnlySpan<float> query, float queryNorm)
    {
        if ((uint)docId >= (uint)_vectors.Length || _vectors[docId] is not { } flat)
        {
            return -1f;
        }
        var norms = _norms[docId]!;
        var best = -1f;
        for (var i = 0; i < norms.Length; i++)
        {
            var score = VectorMath.Similarity(flat.AsSpan(i * Dimensions, Dimensions), norms[i], query, queryNorm);
            if (score > best)
            {
                best = score;
            }
        }
        return best;
    }

    private void ClearVectors(int docId)
    {
        if ((uint)docId < (uint)_vectors.Length)
        {
            _vectors[docId] = null;
            _norms[docId] = null;
        }
        WithVectors.Remove(docId);
    }

    private void EnsureCapacity(int docId)
    {
        if (docId < _vectors.Length)
        {
            return;
        }
        var size = Math.Max(docId + 1, Math.Max(16, _vectors.Length * 2));
        Array.Resize(ref _vectors, size);
        Array.Resize(ref _norms, size);
    }
}
