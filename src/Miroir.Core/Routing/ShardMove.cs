namespace Miroir.Core.Routing;

/// <summary>
/// What a topology change means for one shard, across every group: nodes are matched by id, so renumbered
/// groups move nothing and a node that keeps a shard is never copied to.
/// </summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sources">Node ids that hold the shard before the change (copy sources), best rendezvous score first per group.</param>
/// <param name="Targets">Node ids that hold it only after the change: they receive a copy.</param>
/// <param name="Losers">Node ids that hold it only before the change: they drop it once reads switched.</param>
public sealed record ShardMove(int Shard, IReadOnlyList<string> Sources, IReadOnlyList<string> Targets, IReadOnlyList<string> Losers);
