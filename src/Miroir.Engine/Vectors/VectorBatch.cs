using System.Text;
using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Engine.Vectors;

/// <summary>
/// Validates the vectors of a document batch before any of it is applied. Shape errors throw at
/// once; documents that give no vectors to a <c>userProvided</c> embedder are collected and
/// reported together by <see cref="ThrowIfMissingVectors"/> with Meilisearch's hints.
/// </summary>
public sealed class VectorBatch(VectorStore store)
{
    private const string VectorsField = "_vectors";
    private const int MaxTypoDistance = 2;

    private readonly Dictionary<string, (string FirstId, int Count)> _missing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fieldTypos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unusedEntries = new(StringComparer.Ordinal);

    /// <summary>
    /// Validates one document. <paramref name="existingDocId"/> is the internal id the document
    /// replaces or updates, if any: vectors it owned stay when the new version names no vectors.
    /// </summary>
    public DocumentVectors Add(string externalId, JsonElement document, int? existingDocId)
    {
        JsonElement? field = null;
        foreach (var property in document.EnumerateObject())
        {
            if (property.NameEquals(VectorsField))
            {
                field = property.Value;
            }
            else if (property.Name.Length > 0 && property.Name[0] == '_' && Distance(property.Name, VectorsField) <= MaxTypoDistance)
            {
                _fieldTypos[property.Name] = _fieldTypos.GetValueOrDefault(property.Name) + 1;
            }
        }
        var entries = store.ParseEntries(externalId, field);
        foreach (var name in store.Embedders.Keys)
        {
            var entry = entries.Find(e => e.Name == name);
            var provided = entry.Name is not null && (entry.Flat is not null || !entry.Regenerate);
            var keeps = entry.Name is null && existingDocId is { } id && store.IsUserProvided(name, id);
            if (!provided && !keeps)
            {
                _missing[name] = _missing.TryGetValue(name, out var m) ? (m.FirstId, m.Count + 1) : (externalId, 1);
            }
        }
        foreach (var entry in entries)
        {
            if (!store.Embedders.ContainsKey(entry.Name))
            {
                _unusedEntries[entry.Name] = _unusedEntries.GetValueOrDefault(entry.Name) + 1;
            }
        }
        return store.ToDocumentVectors(entries);
    }

    /// <summary>Throws <c>vector_embedding_error</c> when a document gave an embedder no vectors.</summary>
    public void ThrowIfMissingVectors()
    {
        foreach (var name in store.Embedders.Keys.Order(StringComparer.Ordinal))
        {
            if (!_missing.TryGetValue(name, out var missing))
            {
                continue;
            }
            var message = new StringBuilder()
                .Append($"While embedding documents for embedder `{name}`: no vectors provided for document `{missing.FirstId}`")
                .Append(missing.Count > 1 ? $" and at least {missing.Count - 1} other document(s)" : "")
                .Append($"\n- Note: `{name}` has `source: userProvided`, so documents must provide embeddings as an array in `_vectors.{name}`.");
            var hints = 0;
            foreach (var (typo, count) in _fieldTypos.OrderByDescending(t => t.Value).Take(2))
            {
                message.Append($"\n- Hint: try replacing `{typo}` by `_vectors` in {count} document(s).");
                hints++;
            }
            foreach (var (typo, count) in _unusedEntries
                .Where(e => Distance(e.Key, name) <= MaxTypoDistance)
                .OrderByDescending(e => e.Value)
                .Take(2))
            {
                message.Append($"\n- Hint: try replacing `_vectors.{typo}` by `_vectors.{name}` in {count} document(s).");
                hints++;
            }
            if (hints == 0)
            {
                message.Append($"\n- Hint: opt-out for a document with `_vectors.{name}: null`");
            }
            throw new MeiliException(ErrorCode.VectorEmbeddingError, message.ToString());
        }
    }

    /// <summary>Plain Levenshtein distance (names are short, so the quadratic table is fine).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
