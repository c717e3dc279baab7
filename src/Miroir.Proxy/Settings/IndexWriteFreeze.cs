using System.Collections.Concurrent;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Indexes whose document writes are refused because their nodes hold settings that could not be brought back
/// together (<c>settings_broadcast.freeze_writes_on_unrepairable</c>). In memory: after a restart the first drift
/// pass finds the divergence again and re-freezes. Lifted by the first pass that finds every node in line.
/// </summary>
internal sealed class IndexWriteFreeze
{
    private readonly ConcurrentDictionary<string, string> _frozen = new(StringComparer.Ordinal);

    // ConcurrentDictionary.IsEmpty takes every lock when the dictionary is empty: every request would pay for it.
    private int _count;

    /// <summary>True when no index is frozen: the request path's only cost then (one volatile read).</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Why writes to <paramref name="uid"/> are frozen, or null when they are not.</summary>
    public string? ReasonOf(string uid) => _frozen.GetValueOrDefault(uid);

    public void Freeze(string uid, string reason)
    {
        if (_frozen.TryAdd(uid, reason))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _frozen[uid] = reason;
        }
    }

    /// <summary>Lifts the freeze; true when the index was frozen.</summary>
    public bool Thaw(string uid)
    {
        if (!_frozen.TryRemove(uid, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }
}
