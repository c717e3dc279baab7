using System.Text.Json;
using Microsoft.Extensions.Logging;
using Miroir.Core.Configuration;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// The document deletions Miroir accepted, kept durably as <c>tombstone</c> records in the state log for
/// <c>anti_entropy.tombstone_ttl</c>, so a replica that missed a delete cannot make anti-entropy or a shard copy bring
/// the document back. Bounded by <c>anti_entropy.max_tombstones</c>: beyond it the oldest are dropped early, counted
/// and logged. Recorded only while anti-entropy is on: without the write-time stamp a newer write could not win.
/// </summary>
internal sealed class TombstoneStore : IStateSnapshotSource
{
    /// <summary>Id bytes per record (worst case after JSON escaping).</summary>
    internal const int MaxRecordIdBytes = 4 * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, IndexTombstones> _indexes = new(StringComparer.Ordinal);

    // Append order (deletion times are read before the nodes are asked, so nearly sorted): expiry and the cap drop from the front.
    private readonly Queue<Tombstone> _order = new();
    private readonly StateLog _state;
    private readonly AntiEntropyConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _ttlMs;
    private long _count;
    private long _dropped;

    // Once the cap is reached every delete drops some: one warning a minute, with the count since the last one.
    private long _droppedUnlogged;
    private long? _lastDropWarningMs;

    public TombstoneStore(StateLog state, AntiEntropyConfig config, TimeProvider time, ILogger logger)
    {
        _state = state;
        _config = config;
        _time = time;
        _logger = logger;
        _ttlMs = (long)config.TombstoneLifetime.TotalMilliseconds;
    }

    public IReadOnlyCollection<string> RecordKinds { get; } = [TombstoneRecords.Kind, TombstoneRecords.ForgottenKind];

    /// <summary><c>miroir_antientropy_tombstones</c>: live tombstones (deleted ids, filters and delete-alls).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary><c>miroir_antientropy_tombstones_dropped_total</c>: tombstones dropped before their TTL by the cap.</summary>
    public long DroppedTotal => Interlocked.Read(ref _dropped);

    /// <summary>The deletion time for a delete about to be sent (the clock that stamps writes), or null while anti-entropy is off.</summary>
    public long? StampNow() => _config.Enabled ? NowMs() : null;

    /// <summary>Records an accepted deletion durably: one record, or one per <see cref="MaxRecordIdBytes"/> of ids for a huge batch.</summary>
    public async Task RecordAsync(Tombstone tombstone)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        foreach (var part in Split(tombstone))
        {
            await _state.AppendAsync(part, TombstoneRecords.Write, Add).ConfigureAwait(false);
        }
    }

    /// <summary>Drops every tombstone of an index durably: its uid now names other documents (after an index swap), which its deletions must not touch.</summary>
    public Task ForgetAsync(string index) => _state.AppendAsync(index, TombstoneRecords.WriteForgotten, Forget);

    /// <summary>Replays a <c>tombstone</c> or <c>tombstonesForgotten</c> record; false for any other kind.</summary>
    public bool Apply(JsonElement record)
    {
        var kind = record.GetProperty("r");
        if (kind.ValueEquals(TombstoneRecords.Kind))
        {
            Add(TombstoneRecords.Read(record));
            return true;
        }

        if (kind.ValueEquals(TombstoneRecords.ForgottenKind))
        {
            Forget(record.GetProperty("index").GetString()!);
            return true;
        }

        return false;
    }

    /// <summary>The newest live deletion of <paramref name="id"/> by id or delete-all, or null.</summary>
    public long? DeletedAt(string index, string id)
    {
        lock (_lock)
        {
            return _indexes.TryGetValue(index, out var live) ? live.DeletedAt(id) : null;
        }
    }

    /// <summary>The live delete-by-filter tombstones of an index recorded at or after <paramref name="updatedAt"/>.</summary>
    public Tombstone[] FiltersSince(string index, long updatedAt)
    {
        lock (_lock)
        {
            return _indexes.TryGetValue(index, out var live) ? [.. live.Filters.Where(f => f.At >= updatedAt)] : [];
        }
    }

    /// <summary>True when the index has any live tombstone by id or delete-all (the copy's fast path skips the check otherwise).</summary>
    public bool CoversIds(string index)
    {
        lock (_lock)
        {
            return _indexes.TryGetValue(index, out var live) && (live.Ids.Count > 0 || live.ClearedAt > 0);
        }
    }

    /// <summary>Drops the tombstones older than the TTL.</summary>
    public void Expire()
    {
        lock (_lock)
        {
            ExpireLocked(NowMs());
        }
    }

    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_lock)
        {
            ExpireLocked(NowMs());
            foreach (var tombstone in _order)
            {
                if (!_indexes.TryGetValue(tombstone.Index, out var live))
                {
                    continue;
                }

                var current = tombstone.Kind switch
                {
                    TombstoneKind.Ids => tombstone with { Ids = [.. tombstone.Ids.Where(id => live.Ids.GetValueOrDefault(id) == tombstone.At)] },
                    TombstoneKind.All when live.ClearedAt != tombstone.At => null,
                    _ => tombstone,
                };
                if (current is not null && (current.Kind != TombstoneKind.Ids || current.Ids.Length > 0))
                {
                    writer.Write(current, TombstoneRecords.Write);
                }
            }
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Cuts a batch of ids into records well under the state log's record limit (16 MiB).</summary>
    private static IEnumerable<Tombstone> Split(Tombstone tombstone)
    {
        if (tombstone.Kind != TombstoneKind.Ids)
        {
            yield return tombstone;
            yield break;
        }

        var start = 0;
        var bytes = 0L;
        for (var i = 0; i < tombstone.Ids.Length; i++)
        {
            // Escaping can grow an id up to 6 bytes per UTF-16 unit; quotes and comma add 3.
            var size = (tombstone.Ids[i].Length * 6L) + 3;
            if (i > start && bytes + size > MaxRecordIdBytes)
            {
                yield return tombstone with { Ids = tombstone.Ids[start..i] };
                (start, bytes) = (i, 0);
            }

            bytes += size;
        }

        yield return start == 0 ? tombstone : tombstone with { Ids = tombstone.Ids[start..] };
    }

    private void Forget(string index)
    {
        lock (_lock)
        {
            if (_indexes.Remove(index, out var live))
            {
                _count -= live.Ids.Count + live.Filters.Count + (live.ClearedAt > 0 ? 1 : 0);
                var kept = _order.Where(t => t.Index != index).ToArray();
                _order.Clear();
                foreach (var tombstone in kept)
                {
                    _order.Enqueue(tombstone);
                }
            }
        }
    }

    private void Add(Tombstone tombstone)
    {
        lock (_lock)
        {
            var now = NowMs();
            ExpireLocked(now);
            if (tombstone.At + _ttlMs <= now)
            {
                return; // replayed after its TTL
            }

            if (!_indexes.TryGetValue(tombstone.Index, out var live))
            {
                _indexes[tombstone.Index] = live = new IndexTombstones();
            }

            switch (tombstone.Kind)
            {
                case TombstoneKind.Ids:
                    foreach (var id in tombstone.Ids)
                    {
                        if (!live.Ids.TryGetValue(id, out var at))
                        {
                            _count++;
                        }

                        live.Ids[id] = Math.Max(at, tombstone.At);
                    }

                    break;
                case TombstoneKind.Filter:
                    live.Filters.Add(tombstone);
                    _count++;
                    break;
                default:
                    _count += live.ClearedAt == 0 ? 1 : 0;
                    live.ClearedAt = Math.Max(live.ClearedAt, tombstone.At);
                    break;
            }

            _order.Enqueue(tombstone);
            EnforceCapLocked();
        }
    }

    /// <summary>Both the live count and the queue are bounded: the same id deleted again and again grows only the queue.</summary>
    private void EnforceCapLocked()
    {
        var before = _count;
        var max = _config.MaxTombstones;
        while (_order.Count > 0 && (_count > max || _order.Count > max))
        {
            Remove(_order.Dequeue());
        }

        if (before > _count)
        {
            Interlocked.Add(ref _dropped, before - _count);
            _droppedUnlogged += before - _count;
            var now = NowMs();
            if (_lastDropWarningMs is not { } last || now - last >= 60_000)
            {
                AntiEntropyLog.TombstonesDropped(_logger, _droppedUnlogged, max);
                (_droppedUnlogged, _lastDropWarningMs) = (0, now);
            }
        }
    }

    private void ExpireLocked(long now)
    {
        while (_order.TryPeek(out var oldest) && oldest.At + _ttlMs <= now)
        {
            Remove(_order.Dequeue());
        }
    }

    /// <summary>Forgets what <paramref name="tombstone"/> still holds (a newer deletion of the same id keeps it).</summary>
    private void Remove(Tombstone tombstone)
    {
        if (!_indexes.TryGetValue(tombstone.Index, out var live))
        {
            return; // everything it held was superseded and is gone
        }

        switch (tombstone.Kind)
        {
            case TombstoneKind.Ids:
                foreach (var id in tombstone.Ids)
                {
                    if (live.Ids.TryGetValue(id, out var at) && at == tombstone.At)
                    {
                        live.Ids.Remove(id);
                        _count--;
                    }
                }

                break;
            case TombstoneKind.Filter:
                if (live.Filters.Remove(tombstone))
                {
                    _count--;
                }

                break;
            default:
                if (live.ClearedAt == tombstone.At)
                {
                    live.ClearedAt = 0;
                    _count--;
                }

                break;
        }

        if (live.IsEmpty)
        {
            _indexes.Remove(tombstone.Index);
        }
    }
}
