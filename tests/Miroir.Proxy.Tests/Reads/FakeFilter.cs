using System.Globalization;
using System.Text.Json;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// The filter subset the fake node understands: string form with top-level AND and parentheses, array form
/// (AND of elements, inner arrays OR), clauses <c>f IN [..]</c>, <c>f = v</c>, <c>f &gt; n</c>, <c>f &lt; n</c>.
/// Anything else is refused the way Meilisearch refuses it, quoting the whole filter.
/// </summary>
internal static class FakeFilter
{
    public static Func<JsonElement, bool> Compile(JsonElement filter) => filter.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => _ => true,
        JsonValueKind.String => CompileString(filter.GetString()!, filter.GetString()!),
        JsonValueKind.Array => CompileArray(filter),
        _ => throw new FakeNodeException(400, "invalid_search_filter", "Invalid syntax for the filter parameter: `expected String, Array, found: " + filter.ValueKind + "`."),
    };

    private static Func<JsonElement, bool> CompileArray(JsonElement array)
    {
        var parts = new List<Func<JsonElement, bool>>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                var any = item.EnumerateArray().Select(e => CompileString(e.GetString()!, e.GetString()!)).ToList();
                parts.Add(d => any.Exists(p => p(d)));
            }
            else
            {
                parts.Add(CompileString(item.GetString()!, item.GetString()!));
            }
        }

        return d => parts.TrueForAll(p => p(d));
    }

    private static Func<JsonElement, bool> CompileString(string text, string whole)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return _ => true;
        }

        var parts = SplitAnd(text);
        if (parts.Count > 1)
        {
            var compiled = parts.Select(p => CompileString(p, whole)).ToList();
            return d => compiled.TrueForAll(p => p(d));
        }

        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            return CompileString(text[1..^1], whole);
        }

        return Clause(text, whole);
    }

    private static List<string> SplitAnd(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (depth == 0 && string.CompareOrdinal(text, i, " AND ", 0, 5) == 0)
            {
                parts.Add(text[start..i]);
                start = i + 5;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static Func<JsonElement, bool> Clause(string text, string whole)
    {
        var inAt = text.IndexOf(" IN [", StringComparison.Ordinal);
        if (inAt > 0 && text.EndsWith(']'))
        {
            var field = text[..inAt].Trim();
            var values = text[(inAt + 5)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return d => d.TryGetProperty(field, out var v) && values.Contains(Text(v));
        }

        foreach (var op in new[] { ">=", "<=", "=", ">", "<" })
        {
            var at = text.IndexOf(" " + op + " ", StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var field = text[..at].Trim();
            var value = text[(at + op.Length + 2)..].Trim().Trim('"', '\'');
            if (op == "=")
            {
                return d => d.TryGetProperty(field, out var v) && Text(v) == value;
            }

            var n = double.Parse(value, CultureInfo.InvariantCulture);
            return d => d.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && op switch
            {
                ">=" => v.GetDouble() >= n,
                "<=" => v.GetDouble() <= n,
                ">" => v.GetDouble() > n,
                _ => v.GetDouble() < n,
            };
        }

        throw new FakeNodeException(400, "invalid_search_filter",
            $"Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN` at `{text}`.\n{whole}");
    }

    public static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
}
