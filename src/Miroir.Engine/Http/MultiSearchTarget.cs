using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Indexing;
using Miroir.Engine.Node;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;

namespace Miroir.Engine.Http;

/// <summary>
/// An index as a multi-search target: the engine itself when it implements
/// <see cref="IMultiSearchIndex"/>, otherwise an adapter that serves plain (non-federated) queries.
/// </summary>
internal sealed class MultiSearchTarget(IndexHandle index) : IMultiSearchIndex
{
    public static IMultiSearchIndex For(IndexHandle index) => index.Backend switch
    {
        EngineBackend engine => new EngineMultiSearchIndex(engine.Index, index.Uid),
        IMultiSearchIndex target => target,
        _ => new MultiSearchTarget(index),
    };

    public string Uid => index.Uid;

    public int MaxTotalHits => index.Backend.Settings.MaxTotalHits;

    public void WriteSearchResponse(SearchRequest request, Utf8JsonWriter writer) => index.Backend.Search(request, writer);

    public FederatedQueryResult SearchRanked(SearchRequest request, int required) => throw Unsupported();

    public void WriteHit(FederatedQueryResult result, int hitIndex, Utf8JsonWriter writer, Action<Utf8JsonWriter> writeExtra) => throw Unsupported();

    public ComputedFacets ComputeFacets(IReadOnlyList<string> facets, DocSet candidates) => throw Unsupported();

    public string FacetOrder(string facet) => "alpha";

    private static MeiliException Unsupported() =>
        new(ErrorCode.Internal, "Federated search needs the full engine index, which this node is not running.");
}
