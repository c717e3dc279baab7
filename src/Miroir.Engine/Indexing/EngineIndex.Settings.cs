using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Engine.Settings;
using Miroir.Engine.Text;

namespace Miroir.Engine.Indexing;

/// <summary>Settings updates (re-indexing what changed) and primary key inference.</summary>
public sealed partial class EngineIndex
{
    public void UpdateSettings(IndexSettings settings)
    {
        _lock.EnterWriteLock();
        try
        {
            var old = Settings;
            Settings = settings;
            var textChanged = !old.SearchableAttributes.SequenceEqual(settings.SearchableAttributes)
                || !old.StopWords.SequenceEqual(settings.StopWords)
                || !old.SeparatorTokens.SequenceEqual(settings.SeparatorTokens)
                || !old.NonSeparatorTokens.SequenceEqual(settings.NonSeparatorTokens)
                || !old.Dictionary.SequenceEqual(settings.Dictionary);
            var valuesChanged = !old.SortableAttributes.SequenceEqual(settings.SortableAttributes)
                || !old.FilterableAttributes.SequenceEqual(settings.FilterableAttributes)
                || !old.RankingRules.SequenceEqual(settings.RankingRules)
                || old.DistinctAttribute != settings.DistinctAttribute;
            if (textChanged)
            {
                ReindexText();
            }
            if (valuesChanged)
            {
                _values = NewValueIndex(settings);
                ReplayValues();
            }
            UpdateVectorSettings(old);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Rebuilds the inverted index from the stored documents, keeping their internal ids.</summary>
    private void ReindexText()
    {
        _index.Clear();
        _searchable = new SearchableFields(Settings);
        _tokenizer = Tokenizer.FromSettings(Settings);
        _indexer = new DocumentIndexer(_fields, _searchable, _tokenizer, _index);
        foreach (var id in _docs.Alive)
        {
            using var doc = JsonDocument.Parse(_docs.Json(id));
            _docs.SetFieldWordCounts(id, _indexer.Index(id, doc.RootElement));
        }
        _index.Publish();
        _docs.DeadSinceCompaction = 0;
    }

    private void ReplayValues()
    {
        foreach (var id in _docs.Alive)
        {
            using var doc = JsonDocument.Parse(_docs.Json(id));
            _values.Add(id, doc.RootElement);
        }
    }

    /// <summary>Meilisearch's inference: exactly one top-level field of the first document whose name ends in "id".</summary>
    private static string InferPrimaryKey(IReadOnlyList<ReadOnlyMemory<byte>> documents)
    {
        var candidates = new List<string>();
        if (documents.Count > 0)
        {
            using var doc = JsonDocument.Parse(documents[0]);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var prop in doc.RootElement.EnumerateObject())
                {
                    if (prop.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
                    {
                        candidates.Add(prop.Name);
                    }
                }
            }
        }
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new MeiliException(ErrorCode.IndexPrimaryKeyNoCandidateFound,
                "The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter."),
            _ => throw new MeiliException(ErrorCode.IndexPrimaryKeyMultipleCandidatesFound,
                $"The primary key inference failed as the engine found {candidates.Count} fields ending with `id` in their names: {string.Join(" and ", candidates.Select(c => $"'{c}'"))}. Please specify the primary key manually using the `primaryKey` query parameter."),
        };
    }
}
