using BenchmarkDotNet.Attributes;
using Miroir.Meili.Filters;

namespace Miroir.Benchmarks.Filtering;

/// <summary>Parsing client filters, which every search with a filter pays once on every node it reaches.</summary>
[MemoryDiagnoser]
public class FilterParseBenchmarks
{
    private static readonly Dictionary<string, string> Filters = new()
    {
        ["equality"] = "section = utils",
        ["and-range"] = "section = utils AND installed_size_kb > 1000",
        ["complex"] = "(section IN [utils, admin, net] OR priority = optional) AND NOT tags EXISTS AND installed_size_kb 10 TO 5000 AND _geoRadius(45.47, 9.18, 2000)",
    };

    private string _filter = "";

    /// <summary>A short case name keeps the budget key readable; the filter text is looked up from it.</summary>
    [Params("equality", "and-range", "complex")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _filter = Filters[Case];

    [Benchmark]
    public FilterNode? Parse() => FilterParser.Parse(_filter);
}
