using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

// Stopwatch profile of single searches on the debian corpus, in process (no HTTP):
// dotnet run -c Release --project bench/Miroir.SearchProfile -- ../shared/datasets/debian-packages.ndjson.gz
// (without an argument: the checked-in sample, from the repository root).
var path = args.Length > 0 ? args[0] : "tests/Data/debian-packages-sample.ndjson.gz";
Console.WriteLine($"corpus: {path}");
var settings = IndexSettings.Default with
{
    FilterableAttributes = ["section", "priority", "architecture", "installed_size_kb", "tags"],
    SortableAttributes = ["installed_size_kb", "name"],
};
var index = new EngineIndex("debian", "id", settings);
var batch = new List<ReadOnlyMemory<byte>>();
using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
{
    while (reader.ReadLine() is { } line)
    {
        if (line.Length > 0)
        {
            batch.Add(Encoding.UTF8.GetBytes(line));
        }
    }
}
index.AddDocuments(batch, updateExisting: false);
Console.WriteLine($"{index.DocumentCount} documents");

string[] queries = args.Length > 1
    ? args[1..]
    : ["vim", "a", "lib", "library for", "the system", "python3 library", "gnome", "linux kernel", "lib python", "tool"];
var process = Process.GetCurrentProcess();
foreach (var q in queries)
{
    var request = new SearchRequest { Q = q };
    for (var i = 0; i < 3; i++)
    {
        index.Search(request);
    }
    const int Runs = 20;
    var samples = new double[Runs];
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    for (var i = 0; i < Runs; i++)
    {
        var t = Stopwatch.GetTimestamp();
        index.Search(request);
        samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
    process.Refresh();
    var cpuPerSearch = (process.TotalProcessorTime - cpu).TotalMilliseconds / Runs;
    Array.Sort(samples);
    Console.WriteLine($"{q,-20} CPU {cpuPerSearch,7:F2} ms/search  wall median {samples[Runs / 2],7:F2} ms  min {samples[0],7:F2} ms");
}
