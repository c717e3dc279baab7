using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Miroir.Drills.Tests.Harness;

/// <summary>The first documents of <c>/work/shared/datasets/debian-packages.ndjson.gz</c> (primary key <c>id</c>), cut into NDJSON batches.</summary>
public sealed class Dataset
{
    public const string PackagesPath = "/work/shared/datasets/debian-packages.ndjson.gz";

    private readonly Dictionary<long, string> _byId;

    private Dataset(List<(long Id, string Line)> documents)
    {
        Documents = documents;
        _byId = documents.ToDictionary(d => d.Id, d => d.Line);
    }

    public IReadOnlyList<(long Id, string Line)> Documents { get; }

    public static bool Available => File.Exists(PackagesPath);

    public static Dataset Packages(int count)
    {
        using var file = File.OpenRead(PackagesPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var documents = new List<(long, string)>(count);
        while (documents.Count < count && reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            documents.Add((doc.RootElement.GetProperty("id").GetInt64(), line));
        }

        return new Dataset(documents);
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
