using Miroir.Engine.Settings;
using Miroir.Engine.Text;

namespace Miroir.Engine.Indexing;

/// <summary>
/// One searchable index: stored documents, the inverted index and the per-field values the
/// ranking needs. Writes come from one task-executor thread and take the write lock for a
/// whole batch (so a batch is atomic to readers); searches and reads share the read lock.
/// </summary>
public sealed partial class EngineIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly DocumentStore _docs = new();
    private readonly FieldRegistry _fields = new();
    private readonly InvertedIndex _index = new();
    private readonly SortValueStore _sortValues = new();
    private readonly Dictionary<string, int> _fieldDistribution = new(StringComparer.Ordinal);
    private SearchableFields _searchable;
    private Tokenizer _tokenizer;
    private DocumentIndexer _indexer;

    public EngineIndex(string uid, string? primaryKey, IndexSettings settings)
    {
        Uid = uid;
        PrimaryKey = primaryKey;
        Settings = settings;
        _searchable = new SearchableFields(settings);
        _tokenizer = Tokenizer.FromSettings(settings);
        _indexer = new DocumentIndexer(_fields, _searchable, _tokenizer, _index);
        InitVectors();
        TrackSortValues();
    }

    public string Uid { get; set; }

    public string? PrimaryKey { get; set; }

    public IndexSettings Settings { get; private set; }

    /// <summary>Filters and facets; null until a field index is attached.</summary>
    public IFieldIndex? FieldIndex { get; private set; }

    public int DocumentCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _docs.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Attaches the filter/facet index and feeds it the documents already stored.</summary>
    public void AttachFieldIndex(IFieldIndex fieldIndex)
    {
        _lock.EnterWriteLock();
        try
        {
            FieldIndex = fieldIndex;
            fieldIndex.Reset(Settings);
            ReplayInto(fieldIndex);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IndexStats GetStats()
    {
        _lock.EnterReadLock();
        try
        {
            var distribution = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (field, count) in _fieldDistribution)
            {
                if (count > 0)
                {
                    distribution[field] = count;
                }
            }
            return new IndexStats(_docs.Count, distribution);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void TrackSortValues()
    {
        var fields = new HashSet<string>(Settings.SortableAttributes, StringComparer.Ordinal);
        // Filterable fields too: a search may ask for `distinct` on any of them.
        fields.UnionWith(Settings.FilterableAttributes);
        foreach (var rule in Settings.RankingRules)
        {
            var colon = rule.LastIndexOf(':');
            if (colon > 0)
            {
                fields.Add(rule[..colon]);
            }
        }
        if (Settings.DistinctAttribute is { } distinct)
        {
            fields.Add(distinct);
        }
        var geo = fields.Remove("_geo");
        _sortValues.Track(fields, geo);
    }
}
