using System.IO.Compression;

namespace Miroir.Tests.Shared;

/// <summary>
/// The corpora checked in under <c>tests/Data</c> (see its README): tests read nothing outside the repository.
/// </summary>
internal static class TestData
{
    /// <summary>Every 10th package of the Debian 12 catalogue, as NDJSON (6,367 documents, primary key <c>id</c>).</summary>
    public const string DebianSample = "debian-packages-sample.ndjson.gz";

    /// <summary>4,449 cities with <c>_geo</c> points, as one JSON array (primary key <c>geonameid</c>).</summary>
    public const string WorldCities = "world-cities.json.gz";

    /// <summary>The decompressed content of the gzip file <paramref name="name"/> in <c>tests/Data</c>.</summary>
    public static Stream Open(string name) =>
        new GZipStream(File.OpenRead(Path.Combine(RepoPaths.RepositoryRoot(), "tests", "Data", name)), CompressionMode.Decompress);

    /// <summary>The first <paramref name="count"/> lines of the Debian sample whose line number is a multiple of <paramref name="stride"/>.</summary>
    public static IEnumerable<string> DebianLines(int count, int stride = 1)
    {
        using var reader = new StreamReader(Open(DebianSample));
        var line = 0;
        var taken = 0;
        while (taken < count && reader.ReadLine() is { } text)
        {
            if (line++ % stride == 0)
            {
                taken++;
                yield return text;
            }
        }
    }
}
