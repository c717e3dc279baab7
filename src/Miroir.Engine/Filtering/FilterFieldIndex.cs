using System.Text.Json;
using Miroir.Engine.Errors;
using Miroir.Engine.Facets;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Filtering;

/// <summary>
/// The <see cref="IFieldIndex"/> that <see cref="EngineIndex"/> attaches: a
/// <see cref="FieldValueIndex"/> rebuilt on <see cref="Reset"/>, with the filter and facet
/// entry points. Faceting settings are read through <c>settings</c> at each call, because a
/// <c>faceting</c> update does not reset the field index.
/// </summary>
public sealed class FilterFieldIndex(Func<IndexSettings>? settings = null) : IFieldIndex
{
    private IndexSettings _settings = IndexSettings.Default;

    /// <summary>The current value index (replaced on <see cref="Reset"/> and <see cref="Clear"/>).</summary>
    public FieldValueIndex Values { get; private set; } = new(IndexSettings.Default);

    private IndexSettings CurrentSettings => settings?.Invoke() ?? _settings;

    public void Add(int docId, JsonElement root) => Values.Add(docId, root);

    public void Remove(int docId) => Values.Remove(docId);

    public void Clear() => Values = new FieldValueIndex(_settings);

    public void Reset(IndexSettings settings)
    {
        _settings = settings;
        Values = new FieldValueIndex(settings);
    }

    public DocSet Filter(JsonElement filter, DocSet universe) => Filter(filter, universe, ErrorCode.InvalidSearchFilter);

    /// <summary>As <see cref="Filter(JsonElement, DocSet)"/>, reporting errors with <paramref name="code"/> (documents routes use <c>invalid_document_filter</c>).</summary>
    public DocSet Filter(JsonElement filter, DocSet universe, ErrorCode code) =>
        FilterEvaluator.Apply(filter, Values, universe, code) ?? universe.Clone();

    public void WriteFacets(Utf8JsonWriter writer, IReadOnlyList<string> facets, DocSet candidates) =>
        FacetWriter.Write(writer, ComputeFacets(facets, candidates));

    /// <summary><c>facetDistribution</c> and <c>facetStats</c> as values (multi-search merges them).</summary>
    public FacetResult ComputeFacets(IReadOnlyList<string> facets, DocSet candidates) =>
        FacetDistribution.Compute(Values, candidates, facets, CurrentSettings.Faceting);

    /// <summary>The facet-search route's hits for <paramref name="facetName"/> among <paramref name="candidates"/>.</summary>
    public FacetSearchResult SearchFacet(string facetName, string? facetQuery, DocSet candidates) =>
        FacetSearch.Search(Values, CurrentSettings, facetName, facetQuery, candidates);
}
