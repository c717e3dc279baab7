using Miroir.Meili.Auth;

namespace Miroir.Engine.Node;

/// <summary>API key persistence: one log record per key mutation; snapshots hold every key.</summary>
internal sealed partial class NodeContext
{
    private bool _keysSeen;

    /// <summary>Applies a key change, then waits until its record is durable.</summary>
    public async Task ApplyKeyAsync(ApiKeyMutation mutation)
    {
        Keys.Apply(mutation);
        var kind = mutation.Deleted ? NodeRecordKind.KeyDeleted : NodeRecordKind.KeyPut;
        NoteDurable(await Log.AppendAsync(KeyRecord(kind, mutation)).ConfigureAwait(false));
    }

    /// <summary>At first start with a master key: the two default keys, persisted like any other.</summary>
    private async Task SeedDefaultKeysAsync()
    {
        if (_keysSeen)
        {
            return;
        }
        foreach (var mutation in Keys.DefaultKeyMutations())
        {
            await ApplyKeyAsync(mutation).ConfigureAwait(false);
        }
    }

    private static byte[] KeyRecord(NodeRecordKind kind, ApiKeyMutation mutation)
    {
        var json = ApiKeyMutationJson.ToBytes(mutation);
        var record = new byte[json.Length + 1];
        record[0] = (byte)kind;
        json.CopyTo(record, 1);
        return record;
    }

    /// <summary>The persisted state of every key, for snapshots.</summary>
    private List<byte[]> KeyRecords() => [.. Keys.Export().Select(ApiKeyMutationJson.ToBytes)];

    private void RestoreKey(byte[] record)
    {
        _keysSeen = true;
        Keys.Apply(ApiKeyMutationJson.Read(record));
    }

    private void ReplayKey(ReadOnlySpan<byte> record)
    {
        _keysSeen = true;
        Keys.Apply(ApiKeyMutationJson.Read(record[1..]));
    }
}
