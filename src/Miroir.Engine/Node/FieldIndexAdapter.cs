using System.Text.Json;
using Miroir.Engine.Facets;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>
/// Plugs the filter team's <see cref="FieldValueIndex"/> (filters, facets) into the relevance
/// team's <see cref="EngineIndex"/> through <see cref="IFieldIndex"/>; rebuilt whole when the
/// filterable or sortable attributes change, as FieldValueIndex requires.
/// </summary>
internal sealed class FieldIndexAdapter(IndexSettings settings) : IFieldIndex
{
    private IndexSettings _settings = settings;

    public FieldValueIndex Values { get; private set; } = new(settings);

    public void Add(int docId, JsonElement root) => Values.Add(docId, root);

    public void Remove(int docId) => Values.Remove(docId);

    public void Clear() => Values = new FieldValueIndex(_settings);

    public void Reset(IndexSettings settings)
    {
        _settings = settings;
        Values = new FieldValueIndex(settings);
    }

    public DocSet Filter(JsonElement filter, DocSet universe) =>
        Parse(filter, Errors.ErrorCode.InvalidSearchFilter) is { } node ? FilterEvaluator.Evaluate(node, Values, universe) : universe;

    /// <summary>Parses and checks a filter against the filterable attributes, with the route's error code.</summary>
    public FilterNode? Parse(JsonElement filter, Errors.ErrorCode code)
    {
        var node = FilterParser.Parse(filter, code);
        if (node is not null)
        {
            FilterValidator.Validate(node, _settings.FilterableAttributes, code);
        }
        return node;
    }

    public void WriteFacets(Utf8JsonWriter writer, IReadOnlyList<string> facets, DocSet candidates)
    {
        var names = FacetNames.Resolve(Values, facets);
        FacetWriter.Write(writer, FacetDistribution.Compute(Values, candidates, names, _settings.Faceting));
    }
}
