namespace Miroir.Proxy.Tasks;

/// <summary>
/// An owner of state kept in the <see cref="StateLog"/> (tasks, index metadata, ...). A snapshot asks every
/// source for the records that, replayed in order from nothing, rebuild its live state; the log before the
/// snapshot is then deleted. Sources are called while no append is in flight, so they see every acknowledged record.
/// </summary>
internal interface IStateSnapshotSource
{
    /// <summary>The record kinds (<c>"r"</c>) whose state this owner rebuilds; a log holding any other kind is never compacted.</summary>
    IReadOnlyCollection<string> RecordKinds { get; }

    /// <summary>Writes this owner's live state as ordinary state records (the same kinds its replay applies).</summary>
    void WriteSnapshot(StateSnapshotWriter writer);
}
