namespace Miroir.Load;

/// <summary>CPU time (user + system, all threads) of another process, from /proc/PID/stat.</summary>
internal static class ProcessCpu
{
    // USER_HZ is 100 on every Linux we run on; /proc reports ticks of 10 ms.
    private const double MicrosPerTick = 10_000;

    public static double? ReadMicros(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; fields resume after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * MicrosPerTick;
    }

    public static long? ReadRssKb(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
