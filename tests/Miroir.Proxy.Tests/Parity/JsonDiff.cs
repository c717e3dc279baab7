using System.Text.Json;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>
/// Field-by-field comparison of two JSON answers: every difference as <c>path: expected ≠ actual</c>. Object members
/// compare by name (member order is not part of the API), arrays element by element, numbers by value.
/// </summary>
internal static class JsonDiff
{
    /// <summary>Members skipped at any depth: the wall time of the request, and the primary key the reference node
    /// names in each hit when asked for the cluster's tie order (see <see cref="ParityPair"/>).</summary>
    public static readonly IReadOnlySet<string> Timing = new HashSet<string>(StringComparer.Ordinal) { "processingTimeMs", "_miroir_id" };

    public static List<string> Compare(JsonElement expected, JsonElement actual, IReadOnlySet<string>? ignored = null)
    {
        var differences = new List<string>();
        Walk("$", expected, actual, ignored ?? Timing, differences);
        return differences;
    }

    private static void Walk(string path, JsonElement expected, JsonElement actual, IReadOnlySet<string> ignored, List<string> differences)
    {
        if (differences.Count >= 20)
        {
            return;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: {Short(expected)} ≠ {Short(actual)}");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).Union(actual.EnumerateObject().Select(p => p.Name));
                foreach (var name in names.Where(n => !ignored.Contains(n)))
                {
                    var inExpected = expected.TryGetProperty(name, out var e);
                    var inActual = actual.TryGetProperty(name, out var a);
                    if (inExpected != inActual)
                    {
                        differences.Add($"{path}.{name}: {(inExpected ? Short(e) : "(absent)")} ≠ {(inActual ? Short(a) : "(absent)")}");
                    }
                    else
                    {
                        Walk(path + "." + name, e, a, ignored, differences);
                    }
                }

                break;
            case JsonValueKind.Array:
                var left = expected.GetArrayLength();
                var right = actual.GetArrayLength();
                if (left != right)
                {
                    differences.Add($"{path}: {left} elements ≠ {right}");
                }

                for (var i = 0; i < Math.Min(left, right); i++)
                {
                    Walk($"{path}[{i}]", expected[i], actual[i], ignored, differences);
                }

                break;
            case JsonValueKind.Number:
                if (expected.GetDouble() != actual.GetDouble())
                {
                    differences.Add($"{path}: {expected.GetRawText()} ≠ {actual.GetRawText()}");
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    differences.Add($"{path}: {Short(expected)} ≠ {Short(actual)}");
                }

                break;
        }
    }

    private static string Short(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.Undefined ? "(none)" : value.GetRawText();
        return text.Length <= 160 ? text : text[..160] + "…";
    }
}
