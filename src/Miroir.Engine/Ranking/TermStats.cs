using System.Buffers;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Per document, what the rules need to know about one query term. Membership and fewest
/// typos come from a pass over document ids only (every candidate needs them); best
/// attribute weight, best position cost and where the exact form occurs need the occurrences
/// and are computed on demand (<c>Detail*</c>), rule by rule, for the documents a rule ranks.
/// Arrays are indexed by internal id and pooled.
/// </summary>
internal sealed class TermStats : IDisposable
{
    /// <summary>Typo count meaning "absent from the document".</summary>
    public const byte Absent = byte.MaxValue;

    private readonly QueryTerm _term;
    private readonly int _idLimit;
    private readonly SearchableFields _searchable;
    private readonly bool[] _fieldAllowed;
    private readonly bool[] _typoForbidden;
    private readonly byte[] _minTypos;
    private DocSet? _weightsDone;
    private DocSet? _positionsDone;
    private DocSet? _exactDone;
    private ushort[]? _minWeight;
    private byte[]? _minPositionCost;
    private ulong[]? _exactFields;
    private bool[]? _exactAtPosition;

    public TermStats(QueryTerm term, int idLimit, DocSet universe, SearchableFields searchable, bool[] fieldAllowed, bool[] typoForbidden)
    {
        _term = term;
        _idLimit = idLimit;
        _searchable = searchable;
        _fieldAllowed = fieldAllowed;
        _typoForbidden = typoForbidden;
        _minTypos = ArrayPool<byte>.Shared.Rent(idLimit);
        Array.Fill(_minTypos, Absent, 0, idLimit);
        // When every field counts for every derivation, a posting's documents all match.
        var everyOccurrenceValid = Array.TrueForAll(fieldAllowed, a => a) && !Array.Exists(typoForbidden, f => f);
        var docs = 0;
        foreach (var d in term.Derivations)
        {
            var list = d.Postings;
            var typos = (byte)d.Typos;
            var postingDocs = list.Docs;
            for (var i = 0; i < postingDocs.Length; i++)
            {
                var doc = postingDocs[i];
                if (!universe.Contains(doc) || (!everyOccurrenceValid && !AnyValid(list.OccurrencesAt(i), typos)))
                {
                    continue;
                }
                var current = _minTypos[doc];
                if (current == Absent)
                {
                    docs++;
                }
                if (typos < current)
                {
                    _minTypos[doc] = typos;
                }
            }
        }
        term.DocumentFrequency = docs;
    }

    public bool Contains(int doc) => _minTypos[doc] != Absent;

    public int MinTypos(int doc) => _minTypos[doc];

    public int MinWeight(int doc) => _minWeight![doc];

    public int MinPositionCost(int doc) => _minPositionCost![doc];

    public bool HasExact(int doc) => _exactFields![doc] != 0;

    /// <summary>Fields (mod 64) holding the exact query word.</summary>
    public ulong ExactFields(int doc) => _exactFields![doc];

    /// <summary>The exact query word occurs at the term's own (bucketed) query position.</summary>
    public bool ExactAtQueryPosition(int doc) => _exactAtPosition![doc];

    /// <summary>Best attribute weight of the documents of <paramref name="docs"/> not done yet.</summary>
    public void DetailWeights(DocSet docs)
    {
        var todo = Pending(docs, ref _weightsDone);
        if (todo is null)
        {
            return;
        }
        var minWeight = _minWeight ??= Rent<ushort>(ushort.MaxValue);
        foreach (var d in _term.Derivations)
        {
            var list = d.Postings;
            var postingDocs = list.Docs;
            for (var i = 0; i < postingDocs.Length; i++)
            {
                var doc = postingDocs[i];
                if (!todo.Contains(doc) || minWeight[doc] == 0)
                {
                    continue;
                }
                foreach (var occ in list.OccurrencesAt(i))
                {
                    var field = WordPostings.FieldOf(occ);
                    if (Valid(field, d.Typos))
                    {
                        var weight = (ushort)_searchable.WeightOf(field);
                        if (weight < minWeight[doc])
                        {
                            minWeight[doc] = weight;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Best position cost of the documents of <paramref name="docs"/> not done yet.</summary>
    public void DetailPositions(DocSet docs)
    {
        var todo = Pending(docs, ref _positionsDone);
        if (todo is null)
        {
            return;
        }
        var minPositionCost = _minPositionCost ??= Rent((byte)RankingMath.MaxPositionCost);
        var queryPosition = _term.Position;
        foreach (var d in _term.Derivations)
        {
            var list = d.Postings;
            var postingDocs = list.Docs;
            for (var i = 0; i < postingDocs.Length; i++)
            {
                var doc = postingDocs[i];
                if (!todo.Contains(doc) || minPositionCost[doc] == 0)
                {
                    continue;
                }
                var best = minPositionCost[doc];
                foreach (var occ in list.OccurrencesAt(i))
                {
                    if (!Valid(WordPostings.FieldOf(occ), d.Typos))
                    {
                        continue;
                    }
                    var bucket = RankingMath.BucketedPosition(WordPostings.PositionOf(occ));
                    var cost = (byte)RankingMath.CostFromDistance(Math.Abs(bucket - queryPosition));
                    if (cost < best)
                    {
                        best = cost;
                        if (best == 0)
                        {
                            break;
                        }
                    }
                }
                minPositionCost[doc] = best;
            }
        }
    }

    /// <summary>Where the exact query word occurs, for the documents of <paramref name="docs"/> not done yet.</summary>
    public void DetailExact(DocSet docs)
    {
        var todo = Pending(docs, ref _exactDone);
        if (todo is null)
        {
            return;
        }
        var exactFields = _exactFields ??= Rent(0UL);
        var exactAtPosition = _exactAtPosition ??= Rent(false);
        var queryBucket = RankingMath.BucketedPosition(_term.Position);
        foreach (var d in _term.Derivations)
        {
            if (d.Kind != DerivationKind.Exact)
            {
                continue;
            }
            var list = d.Postings;
            var postingDocs = list.Docs;
            for (var i = 0; i < postingDocs.Length; i++)
            {
                var doc = postingDocs[i];
                if (!todo.Contains(doc))
                {
                    continue;
                }
                foreach (var occ in list.OccurrencesAt(i))
                {
                    var field = WordPostings.FieldOf(occ);
                    if (Valid(field, d.Typos))
                    {
                        exactFields[doc] |= 1UL << (field & 63);
                        exactAtPosition[doc] |= RankingMath.BucketedPosition(WordPostings.PositionOf(occ)) == queryBucket;
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_minTypos);
        ReturnRented(_minWeight);
        ReturnRented(_minPositionCost);
        ReturnRented(_exactFields);
        ReturnRented(_exactAtPosition);
    }

    /// <summary>The documents of <paramref name="docs"/> not in <paramref name="done"/> yet (then marked done); null when none.</summary>
    private DocSet? Pending(DocSet docs, ref DocSet? done)
    {
        var todo = docs.Clone();
        if (done is null)
        {
            done = docs.Clone();
        }
        else
        {
            todo.ExceptWith(done);
            done.UnionWith(todo);
        }
        return todo.IsEmpty() ? null : todo;
    }

    private T[] Rent<T>(T initial)
    {
        var array = ArrayPool<T>.Shared.Rent(_idLimit);
        Array.Fill(array, initial, 0, _idLimit);
        return array;
    }

    private bool AnyValid(ReadOnlySpan<uint> occurrences, int typos)
    {
        foreach (var occ in occurrences)
        {
            if (Valid(WordPostings.FieldOf(occ), typos))
            {
                return true;
            }
        }
        return false;
    }

    private static void ReturnRented<T>(T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    private bool Valid(int field, int typos) =>
        field < _fieldAllowed.Length && _fieldAllowed[field] && (typos == 0 || !_typoForbidden[field]);
}
