using System.Buffers;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Per document, what the rules need to know about one query term, computed in a single pass
/// over the postings of its derivations: fewest typos, best attribute weight, best position
/// cost, and where its exact form occurs. Arrays are indexed by internal id and pooled.
/// </summary>
internal sealed class TermStats : IDisposable
{
    /// <summary>Typo count meaning "absent from the document".</summary>
    public const byte Absent = byte.MaxValue;

    private readonly byte[] _minTypos;
    private readonly ushort[] _minWeight;
    private readonly byte[] _minPositionCost;
    private readonly ulong[] _exactFields;
    private readonly bool[] _exactAtPosition;

    public TermStats(QueryTerm term, int idLimit, DocSet universe, SearchableFields searchable, bool[] fieldAllowed, bool[] typoForbidden)
    {
        _minTypos = ArrayPool<byte>.Shared.Rent(idLimit);
        _minWeight = ArrayPool<ushort>.Shared.Rent(idLimit);
        _minPositionCost = ArrayPool<byte>.Shared.Rent(idLimit);
        _exactFields = ArrayPool<ulong>.Shared.Rent(idLimit);
        _exactAtPosition = ArrayPool<bool>.Shared.Rent(idLimit);
        Array.Fill(_minTypos, Absent, 0, idLimit);
        Array.Fill(_minWeight, ushort.MaxValue, 0, idLimit);
        Array.Fill(_minPositionCost, (byte)RankingMath.MaxPositionCost, 0, idLimit);
        Array.Clear(_exactFields, 0, idLimit);
        Array.Clear(_exactAtPosition, 0, idLimit);
        var queryBucket = RankingMath.BucketedPosition(term.Position);
        var docs = 0;
        foreach (var d in term.Derivations)
        {
            var list = d.Postings;
            var typos = (byte)d.Typos;
            var exact = d.Kind == DerivationKind.Exact;
            for (var i = 0; i < list.DocCount; i++)
            {
                var doc = list.DocAt(i);
                if (!universe.Contains(doc))
                {
                    continue;
                }
                foreach (var occ in list.OccurrencesAt(i))
                {
                    var field = WordPostings.FieldOf(occ);
                    if (field >= fieldAllowed.Length || !fieldAllowed[field] || (typos > 0 && typoForbidden[field]))
                    {
                        continue;
                    }
                    if (_minTypos[doc] == Absent)
                    {
                        docs++;
                    }
                    if (typos < _minTypos[doc])
                    {
                        _minTypos[doc] = typos;
                    }
                    var weight = (ushort)searchable.WeightOf(field);
                    if (weight < _minWeight[doc])
                    {
                        _minWeight[doc] = weight;
                    }
                    var bucket = RankingMath.BucketedPosition(WordPostings.PositionOf(occ));
                    var cost = (byte)RankingMath.CostFromDistance(Math.Abs(bucket - term.Position));
                    if (cost < _minPositionCost[doc])
                    {
                        _minPositionCost[doc] = cost;
                    }
                    if (exact)
                    {
                        _exactFields[doc] |= 1UL << (field & 63);
                        _exactAtPosition[doc] |= bucket == queryBucket;
                    }
                }
            }
        }
        term.DocumentFrequency = docs;
    }

    public bool Contains(int doc) => _minTypos[doc] != Absent;

    public int MinTypos(int doc) => _minTypos[doc];

    public int MinWeight(int doc) => _minWeight[doc];

    public int MinPositionCost(int doc) => _minPositionCost[doc];

    public bool HasExact(int doc) => _exactFields[doc] != 0;

    /// <summary>Fields (mod 64) holding the exact query word.</summary>
    public ulong ExactFields(int doc) => _exactFields[doc];

    /// <summary>The exact query word occurs at the term's own (bucketed) query position.</summary>
    public bool ExactAtQueryPosition(int doc) => _exactAtPosition[doc];

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_minTypos);
        ArrayPool<ushort>.Shared.Return(_minWeight);
        ArrayPool<byte>.Shared.Return(_minPositionCost);
        ArrayPool<ulong>.Shared.Return(_exactFields);
        ArrayPool<bool>.Shared.Return(_exactAtPosition);
    }
}
