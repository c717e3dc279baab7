using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Miroir.Tests.Shared;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// The first documents of the checked-in Debian sample (primary key <c>id</c>), or of the full catalogue when
/// <c>DATASETS</c> names a folder holding <c>debian-packages.ndjson.gz</c>, cut into NDJSON batches.
/// </summary>
public sealed class Dataset
{
    private readonly Dictionary<long, string> _byId;

    private Dataset(List<(long Id, string Line)> documents, string source)
    {
        Documents = documents;
        Source = source;
        _byId = documents.ToDictionary(d => d.Id, d => d.Line);
    }

    public IReadOnlyList<(long Id, string Line)> Documents { get; }

    /// <summary>Which corpus the documents came from, for the drill's output.</summary>
    public string Source { get; }

    public static Dataset Packages(int count)
    {
        var full = Environment.GetEnvironmentVariable("DATASETS") is { Length: > 0 } folder ? Path.Combine(folder, "debian-packages.ndjson.gz") : null;
        var lines = full is not null && File.Exists(full) ? ReadLines(full, count) : TestData.DebianLines(count);
        var documents = new List<(long, string)>(count);
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            documents.Add((doc.RootElement.GetProperty("id").GetInt64(), line));
        }

        Assert.True(documents.Count == count, $"the corpus holds {documents.Count} documents, the drill needs {count}");
        return new Dataset(documents, full is not null && File.Exists(full) ? full : "tests/Data/" + TestData.DebianSample);
    }

    private static IEnumerable<string> ReadLines(string path, int count)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
        for (var i = 0; i < count && reader.ReadLine() is { } line; i++)
        {
            yield return line;
        }
    }

    /// <summary>True when <paramref name="json"/> (a document read back) has exactly the fields and values that were sent.</summary>
    public bool Matches(long id, string json)
    {
        using var sent = JsonDocument.Parse(_byId[id]);
        using var read = JsonDocument.Parse(json);
        return JsonElement.DeepEquals(sent.RootElement, read.RootElement);
    }

    /// <summary>Consecutive batches of <paramref name="size"/> documents: the ids and the NDJSON body of each.</summary>
    public IReadOnlyList<(long[] Ids, byte[] Body)> Batches(int size)
    {
        var batches = new List<(long[], byte[])>();
        for (var start = 0; start < Documents.Count; start += size)
        {
            var slice = Documents.Skip(start).Take(size).ToList();
            var body = Encoding.UTF8.GetBytes(string.Join('\n', slice.Select(d => d.Line)) + "\n");
            batches.Add(([.. slice.Select(d => d.Id)], body));
        }

        return batches;
    }
}
