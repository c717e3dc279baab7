namespace Miroir.Engine.Vectors;

/// <summary>
/// What one incoming document says about each configured embedder, validated and ready to be
/// applied to a <see cref="VectorStore"/> once the whole batch is known to be valid.
/// </summary>
public sealed class DocumentVectors
{
    internal static readonly DocumentVectors None = new([]);

    internal DocumentVectors(IReadOnlyList<EmbedderUpdate> updates) => Updates = updates;

    /// <summary>Embedders whose vectors change; embedders not listed keep what they had.</summary>
    internal IReadOnlyList<EmbedderUpdate> Updates { get; }
}

/// <summary>
/// New embeddings for one embedder: the vectors concatenated (empty = opt-out, null = keep the
/// current vectors but mark them user-provided).
/// </summary>
internal readonly record struct EmbedderUpdate(string Embedder, float[]? Flat);
