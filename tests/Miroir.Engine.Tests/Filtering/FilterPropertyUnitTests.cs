using System.Text.Json;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

/// <summary>Randomised checks: set algebra laws, and leaf results against a brute-force model over the raw documents.</summary>
public sealed class FilterPropertyUnitTests
{
    private static readonly string[] Words = ["apple", "Banana", "cherry", "Äpple", "date"];

    private readonly FieldValueIndex _index = new(["a", "b", "n"], []);
    private readonly DocSet _all = new();
    private readonly List<JsonElement> _docs = [];
    private readonly Random _rng = new(1234);

    public FilterPropertyUnitTests()
    {
        for (var i = 0; i < 400; i++)
        {
            var json = $$"""{"a": {{RandomValue()}}, "b": {{RandomValue()}}, "n": {{_rng.Next(-5, 20)}}}""";
            if (_rng.Next(10) == 0)
            {
                json = """{"other": 1}""";
            }
            var root = JsonDocument.Parse(json).RootElement;
            _docs.Add(root);
            _index.Add(i, root);
            _all.Add(i);
        }
    }

    private string RandomValue() => _rng.Next(6) switch
    {
        0 => "null",
        1 => $"[\"{Words[_rng.Next(Words.Length)]}\", \"{Words[_rng.Next(Words.Length)]}\"]",
        2 => _rng.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "[]",
        _ => $"\"{Words[_rng.Next(Words.Length)]}\"",
    };

    private string RandomLeaf() => _rng.Next(7) switch
    {
        0 => $"a = {Words[_rng.Next(Words.Length)]}",
        1 => $"b != '{Words[_rng.Next(Words.Length)]}'",
        2 => $"n > {_rng.Next(-5, 20)}",
        3 => $"n {_rng.Next(-5, 5)} TO {_rng.Next(5, 20)}",
        4 => $"a IN [{Words[_rng.Next(Words.Length)]}, {_rng.Next(10)}]",
        5 => "b IS NULL",
        _ => "a EXISTS",
    };

    private HashSet<int> Eval(string filter) => [.. FilterCorpus.ToArray(FilterEvaluator.Evaluate(FilterParser.Parse(filter)!, _index, _all))];

    [Fact]
    public void Evaluate_BooleanOperators_FollowSetAlgebra()
    {
        var universe = Enumerable.Range(0, 400).ToHashSet();
        for (var round = 0; round < 200; round++)
        {
            var a = RandomLeaf();
            var b = RandomLeaf();
            var ea = Eval(a);
            var eb = Eval(b);
            Assert.True(Eval($"{a} AND {b}").SetEquals(ea.Intersect(eb)), $"{a} AND {b}");
            Assert.True(Eval($"{a} OR {b}").SetEquals(ea.Union(eb)), $"{a} OR {b}");
            Assert.True(Eval($"NOT ({a})").SetEquals(universe.Except(ea)), $"NOT {a}");
            Assert.True(Eval($"NOT ({a} OR {b})").SetEquals(Eval($"NOT ({a}) AND NOT ({b})")), $"De Morgan {a} {b}");
        }
    }

    [Fact]
    public void Evaluate_Leaves_MatchBruteForceModel()
    {
        foreach (var word in Words)
        {
            var key = FieldColumn.Normalize(word);
            Assert.True(Eval($"a = '{word}'").SetEquals(Model(d => Scalars(d, "a").Any(v => v.ValueKind == JsonValueKind.String && FieldColumn.Normalize(v.GetString()!) == key))), word);
        }
        for (var x = -6; x <= 21; x++)
        {
            Assert.True(Eval($"n > {x}").SetEquals(Model(d => Scalars(d, "n").Any(v => v.ValueKind == JsonValueKind.Number && v.GetDouble() > x))), $"n > {x}");
            Assert.True(Eval($"a <= {x}").SetEquals(Model(d => Scalars(d, "a").Any(v => v.ValueKind == JsonValueKind.Number && v.GetDouble() <= x))), $"a <= {x}");
        }
        Assert.True(Eval("a EXISTS").SetEquals(Model(d => d.TryGetProperty("a", out _))));
        Assert.True(Eval("a IS EMPTY").SetEquals(Model(d => d.TryGetProperty("a", out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0)));
        Assert.True(Eval("b IS NULL").SetEquals(Model(d => d.TryGetProperty("b", out var v) && v.ValueKind == JsonValueKind.Null)));
    }

    private HashSet<int> Model(Func<JsonElement, bool> predicate) => [.. Enumerable.Range(0, _docs.Count).Where(i => predicate(_docs[i]))];

    private static IEnumerable<JsonElement> Scalars(JsonElement doc, string field)
    {
        if (!doc.TryGetProperty(field, out var value))
        {
            return [];
        }
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
    }
}
