namespace Miroir.Engine.Node;

/// <summary>API key persistence: key records in the log and in snapshots.</summary>
internal sealed partial class NodeContext
{
    private readonly Dictionary<string, byte[]> _keyRecords = [];

    /// <summary>The persisted state of every key, for snapshots.</summary>
    private List<byte[]> KeyRecords()
    {
        lock (_keyRecords)
        {
            return [.. _keyRecords.Values];
        }
    }

    private void RestoreKey(byte[] record)
    {
    }

    private void ReplayKey(NodeRecordKind kind, BinaryReader reader)
    {
    }
}
