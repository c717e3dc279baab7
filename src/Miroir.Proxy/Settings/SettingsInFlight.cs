using System.Collections.Concurrent;

namespace Miroir.Proxy.Settings;

/// <summary>
/// The indexes with a client settings change between broadcast and commit: counted by the <see cref="SettingsCommitter"/>,
/// read by the drift check, which leaves such an index alone (busy) instead of repairing it mid-change.
/// </summary>
internal sealed class SettingsInFlight
{
    private readonly ConcurrentDictionary<string, int> _changes = new(StringComparer.Ordinal);

    public bool Contains(string uid) => _changes.ContainsKey(uid);

    public void Begin(string uid) => Count(uid, 1);

    public void End(string uid) => Count(uid, -1);

    private void Count(string uid, int delta)
    {
        if (_changes.AddOrUpdate(uid, delta, (_, n) => n + delta) <= 0)
        {
            _changes.TryRemove(new KeyValuePair<string, int>(uid, 0));
        }
    }
}
