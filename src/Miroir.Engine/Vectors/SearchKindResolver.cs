using System.Text;
using Miroir.Meili.Errors;
using Miroir.Engine.Search;

namespace Miroir.Engine.Vectors;

/// <summary>
/// Decides how a request is answered from <c>q</c>, <c>vector</c> and <c>hybrid</c>, following
/// Meilisearch's case table (the order of the cases matters), and validates the embedder and the
/// vector's dimensions.
/// </summary>
public static class SearchKindResolver
{
    public static SearchKind Resolve(SearchRequest request, VectorStore? store)
    {
        var q = request.Q;
        var vector = request.Vector;
        var hybrid = request.Hybrid;
        if (hybrid is not null && (hybrid.SemanticRatio < 0 || hybrid.SemanticRatio > 1 || double.IsNaN(hybrid.SemanticRatio)))
        {
            throw new MeiliException(ErrorCode.InvalidSearchSemanticRatio,
                "Invalid value at `.hybrid.semanticRatio`: the value of `semanticRatio` is invalid, expected a float between `0.0` and `1.0`.");
        }
        // No vector and an empty or missing query: a placeholder search, whatever `hybrid` says.
        if (vector is null && string.IsNullOrWhiteSpace(q))
        {
            return SearchKind.KeywordOnly;
        }
        if (hybrid is null)
        {
            return vector is null
                ? SearchKind.KeywordOnly
                : throw new MeiliException(ErrorCode.MissingSearchHybrid,
                    "Invalid request: missing `hybrid` parameter when `vector` is present.");
        }
        if (hybrid.SemanticRatio == 1.0)
        {
            CheckEmbedder(store, hybrid.Embedder, vector);
            return new SearchKind(SearchKindType.SemanticOnly, hybrid.Embedder, vector ?? throw CannotEmbed(q!), 1.0);
        }
        if (hybrid.SemanticRatio == 0.0)
        {
            return SearchKind.KeywordOnly;
        }
        if (q is null)
        {
            CheckEmbedder(store, hybrid.Embedder, vector);
            return new SearchKind(SearchKindType.SemanticOnly, hybrid.Embedder, vector, hybrid.SemanticRatio);
        }
        CheckEmbedder(store, hybrid.Embedder, vector);
        return new SearchKind(SearchKindType.Hybrid, hybrid.Embedder, vector, hybrid.SemanticRatio);
    }

    private static void CheckEmbedder(VectorStore? store, string embedder, float[]? vector)
    {
        if (store is null || !store.Embedders.TryGetValue(embedder, out var settings))
        {
            throw new MeiliException(ErrorCode.InvalidSearchEmbedder, $"Cannot find embedder with name `{embedder}`.");
        }
        if (vector is not null && vector.Length != settings.Dimensions)
        {
            throw new MeiliException(ErrorCode.InvalidVectorDimensions,
                $"Invalid vector dimensions: expected: `{settings.Dimensions}`, found: `{vector.Length}`.");
        }
    }

    /// <summary>A pure semantic search needs a vector: a userProvided embedder cannot make one.</summary>
    private static MeiliException CannotEmbed(string q)
    {
        var text = q.Length > 250 ? q[..250] : q;
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }
        quoted.Append('"');
        return new MeiliException(ErrorCode.VectorEmbeddingError,
            $"Error while generating embeddings: user error: attempt to embed the following text in a configuration where embeddings must be user provided: {quoted}");
    }
}
