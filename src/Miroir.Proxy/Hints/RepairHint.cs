namespace Miroir.Proxy.Hints;

/// <summary>One copy a node missed: the node holds the shard of the index but did not take a write to it.</summary>
public readonly record struct RepairHint(string NodeId, string IndexUid, int Shard);
