using System.Buffers;
using Miroir.Engine.Indexing;

namespace Miroir.Engine.Ranking;

/// <summary>
/// Every occurrence of one query term's derivations, grouped by document with a counting
/// sort over internal ids so that a document's occurrences are one slice. An occurrence packs
/// <c>field &lt;&lt; 16 | position</c> in the low 32 bits, then the typo count and the kind.
/// </summary>
internal sealed class TermOccurrences : IDisposable
{
    private readonly int[] _start;
    private readonly ulong[] _occurrences;
    private readonly int _idLimit;

    /// <param name="universe">Only these documents are gathered (those that need positions).</param>
    /// <param name="fieldAllowed">Per field id: occurrences in other fields are ignored.</param>
    /// <param name="typoForbidden">Per field id: typo derivations do not count there.</param>
    public TermOccurrences(QueryTerm term, int idLimit, DocSet universe, bool[] fieldAllowed, bool[] typoForbidden)
    {
        _idLimit = idLimit;
        _start = ArrayPool<int>.Shared.Rent(idLimit + 1);
        Array.Clear(_start, 0, idLimit + 1);
        // Pass 1: count the valid occurrences per document.
        var total = 0;
        foreach (var d in term.Derivations)
        {
            var list = d.Postings;
            for (var i = 0; i < list.DocCount; i++)
            {
                var doc = list.DocAt(i);
                if (!universe.Contains(doc))
                {
                    continue;
                }
                foreach (var occ in list.OccurrencesAt(i))
                {
                    if (Valid(occ, d.Typos, fieldAllowed, typoForbidden))
                    {
                        _start[doc + 1]++;
                        total++;
                    }
                }
            }
        }
        for (var i = 1; i <= idLimit; i++)
        {
            _start[i] += _start[i - 1];
        }
        // Pass 2: place them; _start[doc] is advanced as a cursor, then shifted back.
        _occurrences = ArrayPool<ulong>.Shared.Rent(Math.Max(total, 1));
        foreach (var d in term.Derivations)
        {
            var tag = ((ulong)(uint)d.Typos << 32) | ((ulong)d.Kind << 34);
            var list = d.Postings;
            for (var i = 0; i < list.DocCount; i++)
            {
                var doc = list.DocAt(i);
                if (!universe.Contains(doc))
                {
                    continue;
                }
                foreach (var occ in list.OccurrencesAt(i))
                {
                    if (Valid(occ, d.Typos, fieldAllowed, typoForbidden))
                    {
                        _occurrences[_start[doc]++] = tag | occ;
                    }
                }
            }
        }
        for (var i = idLimit; i > 0; i--)
        {
            _start[i] = _start[i - 1];
        }
        _start[0] = 0;
    }

    public bool Contains(int doc) => _start[doc + 1] > _start[doc];

    /// <summary>The occurrences of <paramref name="doc"/> (unsorted).</summary>
    public Span<ulong> Of(int doc) => _occurrences.AsSpan(_start[doc], _start[doc + 1] - _start[doc]);

    public int IdLimit => _idLimit;

    public static int Field(ulong occ) => (int)((occ >> 16) & 0xFFFF);

    public static int Position(ulong occ) => (int)(occ & 0xFFFF);

    public static int Typos(ulong occ) => (int)((occ >> 32) & 0x3);

    public static DerivationKind Kind(ulong occ) => (DerivationKind)((occ >> 34) & 0x3);

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_start);
        ArrayPool<ulong>.Shared.Return(_occurrences);
    }

    private static bool Valid(uint occ, int typos, bool[] fieldAllowed, bool[] typoForbidden)
    {
        var field = WordPostings.FieldOf(occ);
        return field < fieldAllowed.Length && fieldAllowed[field] && (typos == 0 || !typoForbidden[field]);
    }
}
