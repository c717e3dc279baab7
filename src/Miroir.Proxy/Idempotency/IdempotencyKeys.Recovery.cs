using Miroir.Proxy.Http;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Idempotency;

/// <summary>Settling the keys an earlier process left pending (it stopped between recording the key and its answer).</summary>
internal sealed partial class IdempotencyKeys
{
    /// <summary>
    /// Run once after the replay, before requests are served. A pending key whose request registered a task
    /// (<see cref="TaskOrigin"/>: the task record carries the key) gets that task's 202 answer, the bytes the client
    /// would have received, so a retry answers it and writes nothing. A pending key without a task is released: its
    /// request never reached a write quorum, so a retry runs it again (document writes are upserts by primary key).
    /// </summary>
    public async Task ResolvePendingAsync(Func<string, MiroirTask?> lastTaskWithKey)
    {
        ArgumentNullException.ThrowIfNull(lastTaskWithKey);
        List<IdempotencyEntry> orphans;
        lock (_gate)
        {
            DropExpired(time.GetUtcNow());
            orphans = _byAge.Where(e => e.IsPending && !e.OwnedHere).ToList();
        }

        foreach (var orphan in orphans)
        {
            if (lastTaskWithKey(orphan.Key) is { } task)
            {
                await CompleteAsync(orphan, 202, JsonBytes.Write(task, TaskJson.WriteSummary)).ConfigureAwait(false);
            }
            else
            {
                await ReleaseAsync(orphan).ConfigureAwait(false);
            }
        }
    }
}
