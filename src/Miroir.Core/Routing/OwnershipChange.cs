namespace Miroir.Core.Routing;

/// <summary>A shard whose owner set in one group differs between two maps: what a rebalance must move.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Group">The replica group.</param>
/// <param name="Added">Node ids that own the shard in the new map only (copy targets).</param>
/// <param name="Removed">Node ids that owned it in the old map only (delete after the switch).</param>
public sealed record OwnershipChange(int Shard, int Group, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);
