using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Idempotency;

/// <summary>
/// Every live <c>Idempotency-Key</c> of this orchestrator, durable in the <see cref="StateLog"/> (<c>idem</c> records,
/// see <see cref="IdempotencyRecords"/>): a key is recorded pending before its request runs and with its answer before
/// that answer is sent. Keys expire <c>ttl_seconds</c> after their answer; beyond <c>max_cached_keys</c> the oldest
/// is forgotten. One lock guards memory: claims are rare next to the writes they guard.
/// </summary>
internal sealed partial class IdempotencyKeys(StateLog log, IdempotencyConfig config, TimeProvider time) : IStateSnapshotSource
{
    private readonly Dictionary<string, IdempotencyEntry> _entries = new(StringComparer.Ordinal);

    // Oldest first; an entry moves to the end when answered, so the order is also the expiry order.
    private readonly LinkedList<IdempotencyEntry> _byAge = new();
    private readonly Lock _gate = new();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(config.TtlSeconds);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyCollection<string> RecordKinds { get; } = [IdempotencyRecords.Kind];

    /// <summary>
    /// Decides what a request with <paramref name="key"/> and <paramref name="hash"/> does; on <see cref="IdempotencyClaim.Run"/>
    /// the key is now pending and owned by the caller, who must <see cref="RecordPendingAsync"/> it, then complete or release it.
    /// </summary>
    public IdempotencyClaim Claim(string key, byte[] hash, out IdempotencyEntry entry)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            DropExpired(now);
            if (!_entries.TryGetValue(key, out var found) || IsExpired(found, now))
            {
                if (found is not null)
                {
                    Remove(found);
                }

                entry = new IdempotencyEntry(key, hash, now + _ttl, ownedHere: true);
                Add(entry);
                return IdempotencyClaim.Run;
            }

            entry = found;
            if (!hash.AsSpan().SequenceEqual(found.Hash))
            {
                return IdempotencyClaim.Conflict;
            }

            return found.IsPending ? IdempotencyClaim.Wait : IdempotencyClaim.Replay;
        }
    }

    /// <summary>Records a claimed key as pending, durably, before its request touches a node.</summary>
    public async Task RecordPendingAsync(IdempotencyEntry entry)
    {
        try
        {
            await log.AppendAsync(entry, IdempotencyRecords.WritePending).ConfigureAwait(false);
        }
        catch
        {
            Forget(entry);
            throw;
        }
    }

    /// <summary>Records the answer of a key's request durably, then wakes the requests waiting on the key.</summary>
    public async Task CompleteAsync(IdempotencyEntry entry, int status, byte[] body)
    {
        try
        {
            await log.AppendAsync(entry, IdempotencyRecords.WriteDone, e =>
            {
                lock (_gate)
                {
                    e.Answer(status, body);
                    e.ExpiresAt = time.GetUtcNow() + _ttl;
                    if (e.Age is { } age && _entries.TryGetValue(e.Key, out var current) && current == e)
                    {
                        _byAge.Remove(age);
                        _byAge.AddLast(age);
                    }
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            entry.Settle();
        }
    }

    /// <summary>Frees a key whose request failed (nothing to replay: a retry runs again), durably when the log allows.</summary>
    public async Task ReleaseAsync(IdempotencyEntry entry)
    {
        try
        {
            await log.AppendAsync(entry, IdempotencyRecords.WriteReleased, Forget).ConfigureAwait(false);
        }
        finally
        {
            // Even when the log failed: a pending record left behind resolves at the next start.
            Forget(entry);
        }
    }

    /// <summary>Replays an <c>idem</c> record; false for any other kind.</summary>
    public bool Apply(JsonElement record)
    {
        if (record.GetProperty("r").GetString() != IdempotencyRecords.Kind)
        {
            return false;
        }

        var key = record.GetProperty("key").GetString()!;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var previous))
            {
                Remove(previous);
            }

            if (IdempotencyRecords.Read(record) is { } entry)
            {
                Add(entry);
            }
        }

        return true;
    }

    /// <summary>Every unexpired key, oldest first: answered ones with their answer, pending ones as pending.</summary>
    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var entry in _byAge)
            {
                if (!IsExpired(entry, now))
                {
                    writer.Write(entry, entry.IsPending ? IdempotencyRecords.WritePending : IdempotencyRecords.WriteDone);
                }
            }
        }
    }

    private void Forget(IdempotencyEntry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Key, out var current) && current == entry)
            {
                Remove(entry);
            }
        }

        entry.Settle();
    }

    // A key whose request runs here never expires under it: a retry must wait for it, not run a second time.
    private static bool IsExpired(IdempotencyEntry entry, DateTimeOffset now) =>
        entry.ExpiresAt <= now && !(entry.IsPending && entry.OwnedHere);

    private void Add(IdempotencyEntry entry)
    {
        _entries[entry.Key] = entry;
        entry.Age = _byAge.AddLast(entry);

        // The oldest goes first; a key still running here stops eviction (the bound is exceeded by the writes in flight at most).
        while (_entries.Count > config.MaxCachedKeys && _byAge.First is { } oldest && !(oldest.Value.IsPending && oldest.Value.OwnedHere))
        {
            Remove(oldest.Value);
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && IsExpired(oldest.Value, now))
        {
            Remove(oldest.Value);
        }
    }

    private void Remove(IdempotencyEntry entry)
    {
        _entries.Remove(entry.Key);
        if (entry.Age is { } age)
        {
            _byAge.Remove(age);
            entry.Age = null;
        }
    }
}
