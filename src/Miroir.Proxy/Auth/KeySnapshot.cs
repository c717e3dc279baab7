using Miroir.Meili.Auth;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Auth;

/// <summary>
/// The API keys' part of a state snapshot: one <c>key</c> record per live key, or <c>keysSeeded</c> when every key
/// was deleted (so a restart does not create the default keys again).
/// </summary>
internal sealed class KeySnapshot(KeyStore keys, Func<bool> seeded) : IStateSnapshotSource
{
    public IReadOnlyCollection<string> RecordKinds { get; } = ["key", StateRecords.KeysSeededKind];

    public void WriteSnapshot(StateSnapshotWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var live = keys.Export();
        foreach (var mutation in live)
        {
            writer.Write(mutation, StateRecords.WriteKey);
        }

        if (live.Count == 0 && seeded())
        {
            writer.Write(StateRecords.KeysSeededKind, StateRecords.WriteKind);
        }
    }
}
