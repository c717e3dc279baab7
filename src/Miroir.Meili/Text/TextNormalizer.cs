namespace Miroir.Meili.Text;

/// <summary>Normalises whole strings (facet values, filter operands, query words) with <see cref="CharFolding"/>.</summary>
public static class TextNormalizer
{
    /// <summary>Lower-cases and strips diacritics; returns the input itself when nothing changes.</summary>
    public static string Normalize(string value)
    {
        var span = value.AsSpan();
        var i = 0;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            if (CharFolding.Fold(c) != c || CharFolding.IsCombiningMark(c))
            {
                break;
            }
        }
        return i == span.Length ? value : NormalizeFrom(span, i);
    }

    /// <summary>Writes the normalised form of <paramref name="source"/>; returns the chars written.</summary>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        foreach (var c in source)
        {
            if (!CharFolding.IsCombiningMark(c))
            {
                destination[n++] = CharFolding.Fold(c);
            }
        }
        return n;
    }

    private static string NormalizeFrom(ReadOnlySpan<char> span, int start)
    {
        Span<char> buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        span[..start].CopyTo(buffer);
        var n = start + Normalize(span[start..], buffer[start..]);
        return new string(buffer[..n]);
    }
}
