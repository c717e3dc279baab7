using System.Text;
using System.Text.Json;

namespace Miroir.Load;

/// <summary>
/// A deterministic mixed query set drawn from a corpus: one to three words from real
/// documents, some with a typo, some prefixes, some with filters and facets.
/// </summary>
internal static class QuerySet
{
    public static List<byte[]> Build(List<string> documents, int count, string? filterField, string? facetField, int seed = 7)
    {
        var rng = new Random(seed);
        var queries = new List<byte[]>(count);
        var filterValues = filterField is null ? [] : DistinctValues(documents, filterField, rng);
        for (var i = 0; i < count; i++)
        {
            using var doc = JsonDocument.Parse(documents[rng.Next(documents.Count)]);
            var words = Words(doc.RootElement);
            if (words.Count == 0)
            {
                i--;
                continue;
            }
            var take = 1 + rng.Next(3);
            var start = rng.Next(Math.Max(1, words.Count - take));
            var picked = words.Skip(start).Take(take).ToList();
            var kind = i % 5;
            if (kind == 1)
            {
                picked[^1] = Typo(picked[^1], rng);
            }
            else if (kind == 2 && picked[^1].Length > 3)
            {
                picked[^1] = picked[^1][..(picked[^1].Length - 2)];
            }
            var body = new StringBuilder("{\"q\":").Append(JsonSerializer.Serialize(string.Join(' ', picked)));
            if (kind == 3 && filterValues.Count > 0)
            {
                body.Append(",\"filter\":").Append(JsonSerializer.Serialize($"{filterField} = \"{filterValues[rng.Next(filterValues.Count)]}\""));
            }
            if (kind == 4 && facetField is not null)
            {
                body.Append(",\"facets\":[\"").Append(facetField).Append("\"]");
            }
            queries.Add(Encoding.UTF8.GetBytes(body.Append('}').ToString()));
        }
        return queries;
    }

    private static List<string> Words(JsonElement root)
    {
        var words = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Name is not ("id" or "version" or "homepage"))
            {
                foreach (var w in property.Value.GetString()!.Split([' ', ',', '.', '(', ')', ':', '-', '/', '\n'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (w.Length >= 3 && w.All(char.IsLetterOrDigit))
                    {
                        words.Add(w);
                    }
                }
                if (words.Count > 12)
                {
                    break;
                }
            }
        }
        return words;
    }

    private static string Typo(string word, Random rng)
    {
        if (word.Length < 5)
        {
            return word;
        }
        var chars = word.ToCharArray();
        var at = 1 + rng.Next(chars.Length - 2);
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }

    private static List<string> DistinctValues(List<string> documents, string field, Random rng)
    {
        var values = new HashSet<string>();
        for (var i = 0; i < 2000; i++)
        {
            using var doc = JsonDocument.Parse(documents[rng.Next(documents.Count)]);
            if (doc.RootElement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
            {
                values.Add(v.GetString()!);
            }
        }
        return values.Order().ToList();
    }
}
