namespace Miroir.Meili.Filters;

/// <summary>
/// Matching of field names against filterable/sortable attributes, which may be plain names
/// (covering nested fields: <c>doggos</c> covers <c>doggos.age</c>) or Meilisearch's attribute
/// patterns (<c>*</c>, <c>prefix*</c>, <c>*suffix</c>, <c>*infix*</c>).
/// </summary>
internal static class AttributePatterns
{
    public static bool Matches(string field, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return field.Length == pattern.Length
                ? field == pattern
                : field.Length > pattern.Length && field[pattern.Length] == '.' && field.StartsWith(pattern, StringComparison.Ordinal);
        }
        if (pattern.Length == 1)
        {
            return true;
        }
        var lead = star == 0;
        var trail = pattern[^1] == '*';
        if (lead && trail)
        {
            return field.Contains(pattern.AsSpan(1, pattern.Length - 2), StringComparison.Ordinal);
        }
        if (lead)
        {
            return field.AsSpan().EndsWith(pattern.AsSpan(1), StringComparison.Ordinal);
        }
        if (trail)
        {
            return field.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        }
        return field.Length >= pattern.Length - 1
            && field.AsSpan().StartsWith(pattern.AsSpan(0, star), StringComparison.Ordinal)
            && field.AsSpan().EndsWith(pattern.AsSpan(star + 1), StringComparison.Ordinal);
    }

    /// <summary>Whether a field nested under <paramref name="path"/> could match (so flattening must descend).</summary>
    public static bool MayContain(string path, string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star == 0)
        {
            return true;
        }
        var nested = path + ".";
        if (star < 0)
        {
            return pattern.StartsWith(nested, StringComparison.Ordinal);
        }
        // `doggos.a*` may match inside `doggos`, and so may `do*`.
        var prefix = pattern[..star];
        return nested.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(nested, StringComparison.Ordinal);
    }

    public static bool MatchesAny(string field, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(field, pattern))
            {
                return true;
            }
        }
        return false;
    }
}
