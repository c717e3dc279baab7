using System.Globalization;

namespace Miroir.Storage.Log;

/// <summary>Names of segment and snapshot files: the LSN they start at (or cover up to), zero-padded to sort.</summary>
internal static class LogFileNames
{
    public const string SegmentExtension = ".log";
    public const string SnapshotExtension = ".snap";
    public const string TempExtension = ".tmp";
    public const string CorruptExtension = ".corrupt";

    public static string Segment(string directory, long firstLsn) =>
        Path.Combine(directory, firstLsn.ToString("D20", CultureInfo.InvariantCulture) + SegmentExtension);

    public static string Snapshot(string directory, long uptoLsn) =>
        Path.Combine(directory, uptoLsn.ToString("D20", CultureInfo.InvariantCulture) + SnapshotExtension);

    /// <summary>Files of the form <c>&lt;20 digits&gt;&lt;extension&gt;</c> in LSN order.</summary>
    public static List<(long Lsn, string Path)> List(string directory, string extension)
    {
        var result = new List<(long, string)>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + extension))
        {
            var name = Path.GetFileName(path);
            if (name.Length == 20 + extension.Length && name.EndsWith(extension, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var lsn))
                result.Add((lsn, path));
        }
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }
}
