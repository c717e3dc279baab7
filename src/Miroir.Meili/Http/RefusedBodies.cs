namespace Miroir.Meili.Http;

/// <summary>
/// Hands the memory of refused large bodies back to the system. A chunked body is collected up to the limit before
/// it can be refused (100 MB each by default); its chunks then become garbage that nothing collects while the
/// server idles, and even a forced full collection keeps the freed regions committed (bench/chunked-oversize.sh:
/// eight refused 200 MB bodies left ~710–760 MB resident). One aggressive collection (it decommits the free regions)
/// a second after the first refusal of a burst brings the process back to ~100 MB; at most one a second.
/// </summary>
internal static class RefusedBodies
{
    // Smaller refusals are left to the ordinary collections.
    private const long Large = 16 * 1024 * 1024;

    private static int _pending;

    // One timer for the process, armed per burst: nothing runs between bursts and no task is left behind.
    private static readonly Timer Collector = new(static _ =>
    {
        Volatile.Write(ref _pending, 0);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    });

    /// <summary>Called once a refused body's chunks are disposed.</summary>
    public static void Forget(long bytes)
    {
        if (bytes < Large || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        Collector.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }
}
