namespace Miroir.Engine.Search;

/// <summary>
/// Cropping as Meilisearch does it: the text is cut into words and separator pieces (<c>". "</c> and
/// <c>", "</c> are one hard piece, other separators one piece per char); the run of matches with the
/// most distinct query terms, then the smallest gaps, then the most terms in query order, that fits in
/// <c>cropLength</c> words is chosen, and the window grows from it one piece at a time on both sides,
/// the left side first, preferring words over separators and soft separators over hard ones.
/// </summary>
internal sealed partial class TextFormatter
{
    private readonly List<CropPiece> _pieces = [];
    private readonly List<int> _wordPieces = [];
    private readonly List<(int Word, int Term)> _matches = [];

    private enum PieceKind
    {
        Word,
        Soft,
        Hard,
    }

    /// <summary>The char range kept when <paramref name="text"/> (already tokenized) is cropped to <paramref name="cropLength"/> words.</summary>
    private (int Start, int End) CropBounds(ReadOnlySpan<char> text, int cropLength)
    {
        BuildPieces(text);
        int before, after, remaining;
        if (_matches.Count == 0)
        {
            (before, after, remaining) = (-1, 0, cropLength);
        }
        else
        {
            var (first, last) = BestInterval(cropLength);
            var (firstWord, lastWord) = (_matches[first].Word, _matches[last].Word);
            remaining = Math.Max(0, cropLength - (lastWord - firstWord + 1));
            (before, after) = (_wordPieces[firstWord] - 1, _wordPieces[lastWord] + 1);
        }
        while (remaining > 0)
        {
            var left = before >= 0 ? _pieces[before].Kind : (PieceKind?)null;
            var right = after < _pieces.Count ? _pieces[after].Kind : (PieceKind?)null;
            if (left is null && right is null)
            {
                break;
            }
            if (right is null || (left == PieceKind.Word && right != PieceKind.Word))
            {
                remaining -= left == PieceKind.Word ? 1 : 0;
                before--;
            }
            else if (left is null || (left != PieceKind.Word && right == PieceKind.Word))
            {
                remaining -= right == PieceKind.Word ? 1 : 0;
                after++;
            }
            else if (left == PieceKind.Word)
            {
                // Two words: the left one first, the right one if a word is still wanted.
                before--;
                if (--remaining > 0)
                {
                    after++;
                    remaining--;
                }
            }
            else if (left == right)
            {
                before--;
                // Not when one word is left: the window would end on a separator.
                if (remaining > 1)
                {
                    after++;
                }
            }
            else if (left == PieceKind.Hard)
            {
                after++;
            }
            else
            {
                before--;
            }
        }
        return (before >= 0 ? _pieces[before].End : 0, after < _pieces.Count ? _pieces[after].Start : text.Length);
    }

    /// <summary>The first and last match of the best run whose span fits in <paramref name="cropLength"/> words.</summary>
    private (int First, int Last) BestInterval(int cropLength)
    {
        var best = (First: 0, Last: 0);
        var bestScore = default((int, int, int)?);
        var first = 0;
        for (var index = 0; index < _matches.Count; index++)
        {
            var nextWord = _matches[index].Word;
            if (nextWord - _matches[first].Word < cropLength)
            {
                continue;
            }
            if (index != 0)
            {
                Consider(first, index - 1);
            }
            while (++first < _matches.Count)
            {
                var firstWord = _matches[first].Word;
                if (firstWord > nextWord || nextWord - firstWord < cropLength)
                {
                    break;
                }
            }
            first = Math.Min(first, _matches.Count - 1);
        }
        if (first != _matches.Count - 1 || cropLength > 1)
        {
            Consider(first, _matches.Count - 1);
        }
        return best;

        void Consider(int from, int to)
        {
            var score = Score(from, to);
            if (bestScore is not { } current || Compare(score, current) > 0)
            {
                (best, bestScore) = ((from, to), score);
            }
        }
    }

    /// <summary>Distinct query terms, minus the gaps between matches (each capped at 7), terms in query order.</summary>
    private (int Distinct, int Distance, int Order) Score(int from, int to)
    {
        int distance = 0, order = 0, distinct = 0;
        for (var i = from; i <= to; i++)
        {
            var (word, term) = _matches[i];
            if (i < to)
            {
                order += _matches[i + 1].Term > term ? 1 : 0;
                distance -= Math.Min(_matches[i + 1].Word - word, 7);
            }
            var seen = false;
            for (var j = from; j < i && !seen; j++)
            {
                seen = _matches[j].Term == term;
            }
            distinct += seen ? 0 : 1;
        }
        return (distinct, distance, order);
    }

    private static int Compare((int, int, int) a, (int, int, int) b) =>
        a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item3.CompareTo(b.Item3);

    /// <summary>Words, the separator pieces between them, and the matched words with their query term.</summary>
    private void BuildPieces(ReadOnlySpan<char> text)
    {
        _pieces.Clear();
        _wordPieces.Clear();
        _matches.Clear();
        var cursor = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            AddSeparators(text, cursor, token.Start);
            _wordPieces.Add(_pieces.Count);
            _pieces.Add(new CropPiece(token.Start, token.Start + token.Length, PieceKind.Word));
            cursor = token.Start + token.Length;
            if (words.TryMatch(tokenizer.Normalized(token), out _, out var term))
            {
                _matches.Add((i, term));
            }
        }
        AddSeparators(text, cursor, text.Length);
    }

    private void AddSeparators(ReadOnlySpan<char> text, int from, int to)
    {
        var i = from;
        while (i < to)
        {
            var c = text[i];
            var pair = i + 1 < to && ((c is '.' or ',' && text[i + 1] == ' ') || char.IsSurrogatePair(c, text[i + 1]));
            var length = pair ? 2 : 1;
            var hard = (pair && c is '.' or ',') || IsHardSeparator(c);
            _pieces.Add(new CropPiece(i, i + length, hard ? PieceKind.Hard : PieceKind.Soft));
            i += length;
        }
    }

    /// <summary>Charabia's context separators that fit in one char (<c>". "</c> and <c>", "</c> are handled as pairs).</summary>
    private static bool IsHardSeparator(char c) => c is '!' or ':' or ';' or '?' or '¡' or '§' or '¶' or '¿' or '\u037E' or '…'
        or '‼' or '‽' or '⁇' or '⁈' or '⁉' or '․' or '‥' or '※' or '、' or '。' or '！' or '，' or '．' or '：' or '；' or '？'
        or '｡' or '､' or '।' or '॥' or '։' or '،' or '؛' or '؟' or '۔';

    private readonly record struct CropPiece(int Start, int End, PieceKind Kind);
}
