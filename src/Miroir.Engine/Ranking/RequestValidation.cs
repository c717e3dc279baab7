using Miroir.Meili.Errors;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Ranking;

/// <summary>Checks of search parameters that depend on the index settings.</summary>
public static class RequestValidation
{
    /// <summary><c>attributesToSearchOn</c> may only name searchable attributes (or fields under them).</summary>
    public static void AttributesToSearchOn(IReadOnlyList<string>? attributes, IndexSettings settings)
    {
        var searchable = settings.SearchableAttributes;
        if (attributes is null || searchable.Contains("*"))
        {
            return;
        }
        foreach (var a in attributes)
        {
            if (a == "*" || searchable.Any(s => a == s || a.StartsWith(s + ".", StringComparison.Ordinal)))
            {
                continue;
            }
            throw new MeiliException(ErrorCode.InvalidSearchAttributesToSearchOn,
                $"Attribute `{a}` is not searchable. Available searchable attributes are: `{string.Join(", ", searchable)}`.");
        }
    }
}
