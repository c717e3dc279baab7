using Miroir.Meili.Text;

namespace Miroir.Engine.Text;

/// <summary>The settings-driven part of the tokenizer: dictionary words and custom (non-)separators.</summary>
internal sealed partial class Tokenizer
{
    private bool TryCustom(ReadOnlySpan<char> span, ref int i, ref int lastPosition, ref int gap, List<Token> tokens)
    {
        var dict = MatchesAny(_dictionary, span, i);
        if (dict > 0 && (i == 0 || !IsWordChar(span[i - 1], span, i - 1)))
        {
            Emit(span, i, dict, ref lastPosition, ref gap, tokens);
            i += dict;
            return true;
        }
        var sep = MatchesAny(_separators, span, i);
        if (sep > 0)
        {
            i += sep;
            return true;
        }
        var keep = MatchesAny(_nonSeparators, span, i);
        if (keep > 0)
        {
            // A non-separator run is a word on its own (e.g. "#" or "C#" when "#" is kept).
            var start = i;
            while (i < span.Length)
            {
                var k = MatchesAny(_nonSeparators, span, i);
                if (k > 0)
                {
                    i += k;
                }
                else if (IsWordChar(span[i], span, i) && MatchesAny(_separators, span, i) == 0)
                {
                    i++;
                }
                else
                {
                    break;
                }
            }
            Emit(span, start, i - start, ref lastPosition, ref gap, tokens);
            return true;
        }
        return false;
    }

    /// <summary>Length (in source chars) of the first of <paramref name="tokens"/> found at <paramref name="i"/>, or 0.</summary>
    private static int MatchesAny(string[] tokens, ReadOnlySpan<char> span, int i)
    {
        foreach (var t in tokens)
        {
            if (i + t.Length <= span.Length && FoldedEquals(span.Slice(i, t.Length), t))
            {
                return t.Length;
            }
        }
        return 0;
    }

    private static bool FoldedEquals(ReadOnlySpan<char> source, string folded)
    {
        for (var k = 0; k < source.Length; k++)
        {
            if (CharFolding.Fold(source[k]) != folded[k])
            {
                return false;
            }
        }
        return true;
    }
}
