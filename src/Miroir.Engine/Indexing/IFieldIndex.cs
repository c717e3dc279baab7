using System.Text.Json;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Indexing;

/// <summary>
/// The per-field value index behind filters and facets. <see cref="EngineIndex"/> feeds it
/// every document it stores and asks it to narrow the search universe and to count facets.
/// </summary>
public interface IFieldIndex
{
    void Add(int docId, JsonElement root);

    void Remove(int docId);

    void Clear();

    /// <summary>Re-reads the settings (filterable attributes changed); documents are re-added after.</summary>
    void Reset(IndexSettings settings);

    /// <summary>The ids of <paramref name="universe"/> that match <paramref name="filter"/>; throws <c>MeiliException</c> on a bad filter.</summary>
    DocSet Filter(JsonElement filter, DocSet universe);

    /// <summary>Writes the <c>facetDistribution</c> and <c>facetStats</c> properties for <paramref name="candidates"/>.</summary>
    void WriteFacets(System.Text.Json.Utf8JsonWriter writer, IReadOnlyList<string> facets, DocSet candidates);
}
