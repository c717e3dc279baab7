using System.Text.Json;

namespace Miroir.Meili.Auth;

/// <summary>
/// A verified tenant token's search rules: either a list of index patterns, or patterns mapped
/// to null or <c>{"filter": ...}</c>. The most specific matching pattern (exact, then longest) wins.
/// </summary>
public sealed class TenantToken
{
    private readonly Dictionary<string, JsonElement?> _rules;

    internal TenantToken(Guid apiKeyUid, Dictionary<string, JsonElement?> rules, DateTimeOffset? expiresAt)
    {
        ApiKeyUid = apiKeyUid;
        _rules = rules;
        ExpiresAt = expiresAt;
    }

    public Guid ApiKeyUid { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public IReadOnlyCollection<string> Patterns => _rules.Keys;

    public bool Authorizes(string indexUid) => BestPattern(indexUid) is not null;

    /// <summary>The filter of the most specific rule matching <paramref name="indexUid"/>, or null.</summary>
    public JsonElement? FilterFor(string indexUid) => BestPattern(indexUid) is { } pattern ? _rules[pattern] : null;

    private string? BestPattern(string indexUid)
    {
        string? best = null;
        foreach (var pattern in _rules.Keys)
        {
            if (!IndexPattern.Matches(pattern, indexUid))
            {
                continue;
            }

            if (pattern == indexUid)
            {
                return pattern;
            }

            if (best is null || pattern.Length > best.Length)
            {
                best = pattern;
            }
        }

        return best;
    }
}
