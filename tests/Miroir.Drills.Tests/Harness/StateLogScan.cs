using System.Text;

namespace Miroir.Drills.Tests.Harness;

/// <summary>Counts record kinds in the orchestrator's state log files (JSON payloads stored as written), read from outside the process.</summary>
public static class StateLogScan
{
    /// <summary>How many records of kind <paramref name="kind"/> the log folder holds (segments and snapshots).</summary>
    public static int Count(string statePath, string kind)
    {
        var needle = Encoding.UTF8.GetBytes($"\"r\":\"{kind}\"");
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(statePath, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                continue; // a segment being replaced by a snapshot
            }

            var span = bytes.AsSpan();
            for (var at = span.IndexOf(needle); at >= 0; at = span.IndexOf(needle))
            {
                count++;
                span = span[(at + needle.Length)..];
            }
        }

        return count;
    }
}
