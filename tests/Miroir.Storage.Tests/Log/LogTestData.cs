using System.Text;
using Miroir.Storage.Log;

namespace Miroir.Storage.Tests.Log;

/// <summary>Deterministic payloads and helpers shared by the log tests.</summary>
public static class LogTestData
{
    public static readonly AppendLogOptions Fast = new() { FsyncPolicy = FsyncPolicy.Never };

    /// <summary>A payload whose bytes depend on <paramref name="n"/> so any mix-up shows.</summary>
    public static byte[] Payload(long n, int length = -1)
    {
        if (length < 0)
            length = (int)(n * 37 % 200);
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(n * 131 + i);
        return bytes;
    }

    public static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    public static List<(long Lsn, byte[] Payload)> ReadAll(AppendLog log, long afterLsn = 0) =>
        [.. log.ReadFrom(afterLsn).Select(r => (r.Lsn, r.Payload.ToArray()))];

    public static async Task<List<long>> AppendMany(AppendLog log, int count, int from = 1)
    {
        var lsns = new List<long>();
        for (var i = from; i < from + count; i++)
            lsns.Add(await log.AppendAsync(Payload(i)));
        return lsns;
    }
}
