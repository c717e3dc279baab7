using System.IO.Compression;
using System.Text.Json;

namespace Miroir.Load;

/// <summary>Reads a gzip'd dataset (NDJSON, or one JSON array) as raw document lines.</summary>
internal static class Corpus
{
    /// <summary>The checked-in Debian sample (run from the repository root); <c>--file</c> names the full catalogue.</summary>
    public const string DefaultPath = "tests/Data/debian-packages-sample.ndjson.gz";

    /// <summary>The documents of <paramref name="path"/>; says on stderr which corpus the profile uses.</summary>
    public static List<string> ReadLines(string path)
    {
        Console.Error.WriteLine($"corpus: {path}");
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var first = (char)reader.Peek();
        if (first == '[')
        {
            using var doc = JsonDocument.Parse(reader.ReadToEnd());
            return doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        }
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>Each document's primary key as it appears in a URL (string or number), in corpus order.</summary>
    public static List<string> Ids(List<string> documents, string primaryKey) =>
        [.. documents.Select(d =>
        {
            using var doc = JsonDocument.Parse(d);
            var id = doc.RootElement.GetProperty(primaryKey);
            return Uri.EscapeDataString(id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText());
        })];
}
