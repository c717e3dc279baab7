using System.Text.Json;
using Miroir.Meili.Auth;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Auth;

/// <summary>The durable API keys: each change is recorded in the state log, then applied to the <see cref="KeyStore"/>.</summary>
internal sealed class KeyCatalog(StateLog state, KeyStore keys)
{
    public KeyStore Keys => keys;

    /// <summary>Whether any key record exists: the default keys are seeded once, not again after they were deleted.</summary>
    public bool Seen { get; private set; }

    /// <summary>Records a key change durably, then applies it.</summary>
    public async Task SaveAsync(ApiKeyMutation mutation)
    {
        await state.AppendAsync(mutation, StateRecords.WriteKey, m =>
        {
            keys.Apply(m);
            Seen = true;
        }).ConfigureAwait(false);
    }

    /// <summary>Creates the default keys at first start (after the replay): never again once any key record exists.</summary>
    public async Task SeedDefaultsAsync()
    {
        if (Seen)
        {
            return;
        }

        foreach (var mutation in keys.DefaultKeyMutations())
        {
            await SaveAsync(mutation).ConfigureAwait(false);
        }
    }

    /// <summary>Replays a <c>key</c> or <c>keysSeeded</c> record; false for any other kind.</summary>
    public bool Apply(JsonElement record)
    {
        switch (record.GetProperty("r").GetString())
        {
            case "key":
                keys.Apply(StateRecords.ReadKey(record));
                Seen = true;
                return true;
            case StateRecords.KeysSeededKind:
                Seen = true;
                return true;
            default:
                return false;
        }
    }
}
