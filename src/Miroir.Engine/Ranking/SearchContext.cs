using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Engine.Text;

namespace Miroir.Engine.Ranking;

/// <summary>What one search reads from its index, gathered under the index's read lock.</summary>
internal sealed record SearchContext(
    IndexSettings Settings,
    TermDictionary Dictionary,
    DocumentStore Documents,
    FieldRegistry Fields,
    SearchableFields Searchable,
    FieldValueIndex Values,
    Tokenizer Tokenizer);
