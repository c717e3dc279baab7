using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Vectors;

/// <summary>
/// The vectors of one index, one <see cref="EmbedderVectors"/> per configured <c>userProvided</c>
/// embedder. Not thread-safe: the index serialises writes and must not search while writing.
/// </summary>
public sealed partial class VectorStore
{
    private readonly Dictionary<string, EmbedderVectors> _byEmbedder = new(StringComparer.Ordinal);

    public VectorStore(IReadOnlyDictionary<string, EmbedderSettings> embedders)
    {
        Embedders = embedders;
        foreach (var (name, settings) in embedders)
        {
            _byEmbedder[name] = new EmbedderVectors(settings.Dimensions);
        }
    }

    public IReadOnlyDictionary<string, EmbedderSettings> Embedders { get; private set; }

    public bool HasEmbedders => _byEmbedder.Count > 0;

    /// <summary>
    /// Applies a new <c>embedders</c> setting: removed embedders lose their vectors, and so do
    /// embedders whose dimensions changed (their old vectors cannot be compared any more).
    /// </summary>
    public void UpdateEmbedders(IReadOnlyDictionary<string, EmbedderSettings> embedders)
    {
        foreach (var name in _byEmbedder.Keys.ToList())
        {
            if (!embedders.TryGetValue(name, out var settings) || settings.Dimensions != _byEmbedder[name].Dimensions)
            {
                _byEmbedder.Remove(name);
            }
        }
        foreach (var (name, settings) in embedders)
        {
            if (!_byEmbedder.ContainsKey(name))
            {
                _byEmbedder[name] = new EmbedderVectors(settings.Dimensions);
            }
        }
        Embedders = embedders;
    }

    /// <summary>
    /// Validates and stores the <c>_vectors</c> value of a document in one step (throws
    /// <see cref="MeiliException"/>). Batch indexing should use <see cref="VectorBatch"/> so that a
    /// document missing its vectors fails the whole batch before anything is applied.
    /// </summary>
    public void Add(int docId, string externalId, JsonElement? vectorsField)
    {
        Apply(docId, Parse(externalId, vectorsField));
    }

    /// <summary>Validates a <c>_vectors</c> value against the configured embedders.</summary>
    public DocumentVectors Parse(string externalId, JsonElement? vectorsField)
    {
        return ToDocumentVectors(ParseEntries(externalId, vectorsField));
    }

    internal List<VectorsFieldParser.Entry> ParseEntries(string externalId, JsonElement? vectorsField) =>
        vectorsField is not { } field || field.ValueKind == JsonValueKind.Null
            ? []
            : VectorsFieldParser.Parse(externalId, field, Embedders);

    internal DocumentVectors ToDocumentVectors(List<VectorsFieldParser.Entry> entries)
    {
        List<EmbedderUpdate>? updates = null;
        foreach (var entry in entries)
        {
            // `regenerate: true` without embeddings asks for generation, which a userProvided
            // embedder cannot do: nothing to store (VectorBatch reports it as missing).
            if (_byEmbedder.ContainsKey(entry.Name) && (entry.Flat is not null || !entry.Regenerate))
            {
                (updates ??= []).Add(new EmbedderUpdate(entry.Name, entry.Flat));
            }
        }
        return updates is null ? DocumentVectors.None : new DocumentVectors(updates);
    }

    public void Apply(int docId, DocumentVectors vectors)
    {
        foreach (var update in vectors.Updates)
        {
            if (!_byEmbedder.TryGetValue(update.Embedder, out var store))
            {
                continue;
            }
            if (update.Flat is { } flat)
            {
                store.Set(docId, flat);
            }
            else
            {
                // `{"regenerate": false}` alone: the vectors stay as they were, now user-owned.
                store.UserProvided.Add(docId);
            }
        }
    }

    /// <summary>Applies only the updates of the <paramref name="only"/> embedders.</summary>
    public void Apply(int docId, DocumentVectors vectors, IReadOnlySet<string> only) =>
        Apply(docId, new DocumentVectors(vectors.Updates.Where(u => only.Contains(u.Embedder)).ToList()));

    public void Remove(int docId)
    {
        foreach (var store in _byEmbedder.Values)
        {
            store.Remove(docId);
        }
    }

    /// <summary>
    /// Moves a document's vectors to a new internal id: the index gives a replaced document a new
    /// id, and vectors the new version does not mention stay with it, as in Meilisearch.
    /// </summary>
    public void Move(int fromDocId, int toDocId)
    {
        foreach (var store in _byEmbedder.Values)
        {
            if (!store.UserProvided.Contains(fromDocId) && !store.WithVectors.Contains(fromDocId))
            {
                continue;
            }
            var flat = store.Get(fromDocId).ToArray();
            var userProvided = store.UserProvided.Contains(fromDocId);
            store.Remove(fromDocId);
            store.Set(toDocId, flat);
            if (!userProvided)
            {
                store.UserProvided.Remove(toDocId);
            }
        }
    }

    /// <summary>Drops every vector (all documents deleted), keeping the embedders.</summary>
    public void Clear()
    {
        foreach (var name in _byEmbedder.Keys.ToList())
        {
            _byEmbedder[name] = new EmbedderVectors(_byEmbedder[name].Dimensions);
        }
    }

    /// <summary>True when the document's vectors for <paramref name="embedder"/> came from the user.</summary>
    public bool IsUserProvided(string embedder, int docId) =>
        _byEmbedder.TryGetValue(embedder, out var store) && store.UserProvided.Contains(docId);

    /// <summary>Number of documents holding at least one embedding for the embedder.</summary>
    public int CountWithVectors(string embedder) =>
        _byEmbedder.TryGetValue(embedder, out var store) ? store.WithVectors.Count() : 0;

    internal bool TryGet(string embedder, out EmbedderVectors store) => _byEmbedder.TryGetValue(embedder, out store!);
}
