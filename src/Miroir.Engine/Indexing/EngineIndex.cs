using Miroir.Engine.Filtering;
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
    private readonly Dictionary<string, int> _fieldDistribution = new(StringComparer.Ordinal);
    private SearchableFields _searchable;
    private Tokenizer _tokenizer;
    private DocumentIndexer _indexer;
    private FieldValueIndex _values;

    public EngineIndex(string uid, string? primaryKey, IndexSettings settings)
    {
        Uid = uid;
        PrimaryKey = primaryKey;
        Settings = settings;
        _searchable = new SearchableFields(settings);
        _tokenizer = Tokenizer.FromSettings(settings);
        _indexer = new DocumentIndexer(_fields, _searchable, _tokenizer, _index);
        _values = NewValueIndex(settings);
        InitVectors();
    }

    public string Uid { get; set; }

    public string? PrimaryKey { get; set; }

    public IndexSettings Settings { get; private set; }

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

    /// <summary>
    /// The filter/facet/sort value index: filterable attributes, plus as sort-only fields the
    /// sortable attributes, the fields of custom <c>field:asc|desc</c> rules and the distinct attribute.
    /// </summary>
    private static FieldValueIndex NewValueIndex(IndexSettings settings)
    {
        var sortable = new List<string>(settings.SortableAttributes);
        foreach (var rule in settings.RankingRules)
        {
            var colon = rule.LastIndexOf(':');
            if (colon > 0)
            {
                sortable.Add(rule[..colon]);
            }
        }
        if (settings.DistinctAttribute is { } distinct)
        {
            sortable.Add(distinct);
        }
        return new FieldValueIndex(settings.FilterableAttributes, sortable);
    }
}
