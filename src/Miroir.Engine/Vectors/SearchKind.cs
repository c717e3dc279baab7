namespace Miroir.Engine.Vectors;

/// <summary>Which engines answer a search: keyword only, vectors only, or both merged.</summary>
public enum SearchKindType
{
    KeywordOnly,
    SemanticOnly,
    Hybrid,
}

/// <summary>
/// A resolved search kind. <see cref="Vector"/> is null for a hybrid search without a query
/// vector: a <c>userProvided</c> embedder cannot embed <c>q</c>, so only keywords answer.
/// </summary>
public sealed record SearchKind(SearchKindType Type, string? Embedder = null, float[]? Vector = null, double SemanticRatio = 0)
{
    public static readonly SearchKind KeywordOnly = new(SearchKindType.KeywordOnly);

    /// <summary>Semantic and hybrid searches report <c>semanticHitCount</c>.</summary>
    public bool IsSemantic => Type != SearchKindType.KeywordOnly;
}
