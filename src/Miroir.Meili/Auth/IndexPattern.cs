namespace Miroir.Meili.Auth;

/// <summary>Index uid patterns of keys and tenant tokens: an exact uid, <c>*</c>, or a prefix ending in <c>*</c>.</summary>
public static class IndexPattern
{
    public static bool Matches(string pattern, string indexUid) =>
        pattern.EndsWith('*')
            ? indexUid.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : pattern == indexUid;

    public static bool MatchesAny(IReadOnlyList<string> patterns, string indexUid)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(pattern, indexUid))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Alphanumerics, <c>-</c> and <c>_</c>, optionally ending with one <c>*</c>.</summary>
    public static bool IsValid(string pattern)
    {
        var body = pattern.EndsWith('*') ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();
        if (body.IsEmpty)
        {
            return pattern == "*";
        }

        foreach (var c in body)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return body.Length <= 512;
    }
}
