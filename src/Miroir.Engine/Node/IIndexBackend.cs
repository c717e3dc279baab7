using System.Text.Json;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Node;

/// <summary>
/// What the node needs from one index's search engine: the seam over the relevance team's
/// EngineIndex. Calls come from one thread at a time for writes (the task executor) and
/// from any thread for reads.
/// </summary>
internal interface IIndexBackend
{
    IndexSettings Settings { get; }

    int DocumentCount { get; }

    /// <summary>Adds (or replaces, or with <paramref name="updateExisting"/> merges) documents whose ids were validated.</summary>
    int AddDocuments(IReadOnlyList<ReadOnlyMemory<byte>> docs, string primaryKey, bool updateExisting);

    int DeleteDocuments(IReadOnlyList<string> ids);

    /// <summary>Deletes the documents matching a filter (already validated); returns how many.</summary>
    int DeleteByFilter(JsonElement filter);

    int Clear();

    void UpdateSettings(IndexSettings settings);

    /// <summary>One document, <c>_vectors</c> hidden unless <paramref name="retrieveVectors"/>.</summary>
    bool TryGetDocument(string id, bool retrieveVectors, out ReadOnlyMemory<byte> document);

    /// <summary>A page of documents in internal order, with the total matching count; <c>_vectors</c> as in <see cref="TryGetDocument"/>.</summary>
    (IReadOnlyList<ReadOnlyMemory<byte>> Documents, int Total) GetDocuments(int offset, int limit, JsonElement? filter, IReadOnlyList<string>? ids, bool retrieveVectors);

    /// <summary>Checks a filter against the settings without running it; throws MeiliException.</summary>
    void ValidateFilter(JsonElement filter, bool forDocuments);

    /// <summary>Runs a search and writes the whole response object.</summary>
    void Search(SearchRequest request, Utf8JsonWriter writer);

    /// <summary>Runs a facet search and writes the whole response object.</summary>
    void FacetSearch(FacetSearchRequest request, Utf8JsonWriter writer);

    /// <summary>Per-field document counts for <c>/stats</c>.</summary>
    IReadOnlyDictionary<string, int> FieldDistribution();

    /// <summary>Writes the documents and whatever else the backend needs to come back without re-indexing (snapshots; executor only).</summary>
    void WriteSnapshot(BinaryWriter writer);

    /// <summary>
    /// Loads what <see cref="WriteSnapshot"/> wrote into this new backend, whose settings are applied;
    /// <paramref name="version"/> is the snapshot's, <paramref name="primaryKey"/> the index's.
    /// </summary>
    void ReadSnapshot(BinaryReader reader, int version, string? primaryKey);
}
