namespace Miroir.Proxy.AntiEntropy;

/// <summary>The settings one pass shares with every shard it reconciles.</summary>
/// <param name="Throttle">Bounds and paces replica reads.</param>
/// <param name="PageSize">Documents per replica page (<c>fingerprint_batch_size</c>).</param>
/// <param name="UpdatedAtField">The write-time field that decides the winner.</param>
/// <param name="Repair">False for a verify.</param>
/// <param name="NowMs">The pass's clock reading: a copy expiring at or before it is deleted everywhere.</param>
/// <param name="Time">The clock used to wait for repair tasks.</param>
/// <param name="Tombstones">Accepted deletions: a copy they cover is deleted everywhere, never copied back.</param>
internal sealed record ReconcileScope(ReadThrottle Throttle, int PageSize, string UpdatedAtField, bool Repair, long NowMs, TimeProvider Time, TombstoneStore Tombstones);
