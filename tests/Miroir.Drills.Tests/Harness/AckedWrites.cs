using System.Collections.Concurrent;
using System.Diagnostics;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// The writes the orchestrator acknowledged (202 + task uid) and the checks every drill ends with: each such task
/// reaches a terminal state, and every document of a succeeded task can be read back.
/// </summary>
public sealed class AckedWrites
{
    private readonly ConcurrentQueue<(long TaskUid, long[] Ids)> _acked = new();

    private int _refused;

    /// <summary>Writes that were not acknowledged (refused, or no answer).</summary>
    public int Refused => _refused;

    public IReadOnlyCollection<(long TaskUid, long[] Ids)> Acknowledged => _acked;

    public int AcknowledgedDocuments => _acked.Sum(a => a.Ids.Length);

    /// <summary>Sends one batch; true when it was acknowledged.</summary>
    public async Task<bool> SendAsync(MiroirApi api, string index, (long[] Ids, byte[] Body) batch)
    {
        var answer = await api.AddDocumentsAsync(index, batch.Body).ConfigureAwait(false);
        if (answer.TaskUid is { } uid)
        {
            _acked.Enqueue((uid, batch.Ids));
            return true;
        }

        Interlocked.Increment(ref _refused);
        return false;
    }

    /// <summary>Waits for every acknowledged task; returns the final status per task uid and how long it took.</summary>
    public async Task<(Dictionary<long, string> Statuses, TimeSpan Elapsed)> WaitAllAsync(MiroirApi api, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var statuses = new Dictionary<long, string>();
        foreach (var (uid, _) in _acked)
        {
            var left = timeout - clock.Elapsed;
            statuses[uid] = await api.WaitTaskAsync(uid, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        }

        return (statuses, clock.Elapsed);
    }

    /// <summary>
    /// Ids of succeeded tasks that <c>GET /documents/{id}</c> through the orchestrator does not return exactly as
    /// sent (missing, or another content, or a reserved field showing).
    /// </summary>
    public async Task<List<long>> MissingAsync(MiroirApi api, string index, IReadOnlyDictionary<long, string> statuses, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(dataset);
        var ids = _acked.Where(a => statuses.GetValueOrDefault(a.TaskUid) == "succeeded").SelectMany(a => a.Ids).Distinct().ToList();
        var missing = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var (status, body) = await api.GetDocumentAsync(index, id).ConfigureAwait(false);
            if (status != 200 || !dataset.Matches(id, body))
            {
                missing.Add(id);
            }
        }).ConfigureAwait(false);
        return [.. missing.Order()];
    }

    /// <summary>Distinct ids of every succeeded task.</summary>
    public long SucceededDocuments(IReadOnlyDictionary<long, string> statuses) =>
        _acked.Where(a => statuses.GetValueOrDefault(a.TaskUid) == "succeeded").SelectMany(a => a.Ids).Distinct().LongCount();
}
