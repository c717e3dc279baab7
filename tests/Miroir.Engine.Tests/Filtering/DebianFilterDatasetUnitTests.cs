using System.Diagnostics;
using System.Text.Json;
using Miroir.Engine.Facets;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Engine.Settings;
using Miroir.Tests.Shared;
using Xunit.Abstractions;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

/// <summary>The checked-in Debian sample: correctness against a brute force; filter and facet timings are printed, never asserted.</summary>
public sealed class DebianFilterDatasetUnitTests(ITestOutputHelper output)
{
    [Fact]
    public void SectionAndSize_DebianSample_MatchesBruteForce()
    {
        var index = new FieldValueIndex(["section", "installed_size_kb", "priority", "tags"], ["installed_size_kb"]);
        var all = new DocSet();
        var expected = new List<int>();
        using (var reader = new StreamReader(TestData.Open(TestData.DebianSample)))
        {
            var id = 0;
            while (reader.ReadLine() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                index.Add(id, root);
                all.Add(id);
                if (root.GetProperty("section").GetString() == "utils" && root.GetProperty("installed_size_kb").GetDouble() > 1000)
                {
                    expected.Add(id);
                }
                id++;
            }
        }
        var filter = FilterParser.Parse("section = utils AND installed_size_kb > 1000")!;
        var result = FilterEvaluator.Evaluate(filter, index, all);
        Assert.Equal(expected, FilterCorpus.ToArray(result));

        var timings = new double[50];
        for (var i = 0; i < timings.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            FilterEvaluator.Evaluate(filter, index, all);
            timings[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(timings);
        output.WriteLine($"filter over {all.Count()} docs: median {timings[25]:F3} ms, min {timings[0]:F3} ms");

        var facets = FacetDistribution.Compute(index, all, ["section", "tags", "installed_size_kb"], new FacetingSettings());
        foreach (var name in new[] { "section", "tags", "installed_size_kb" })
        {
            for (var candidates = 0; candidates < 2; candidates++)
            {
                var set = candidates == 0 ? all : result;
                var best = double.MaxValue;
                for (var run = 0; run < 5; run++)
                {
                    var facetTimer = Stopwatch.StartNew();
                    FacetDistribution.Compute(index, set, [name], new FacetingSettings());
                    best = Math.Min(best, facetTimer.Elapsed.TotalMilliseconds);
                }
                output.WriteLine($"facet {name} over {set.Count()} docs: best {best:F3} ms");
            }
        }
        // Timings are printed for docs/benchmarks.md, never asserted: goals live in benchmarks.
        Assert.Equal(3, facets.Distribution.Count);
    }
}
