namespace Miroir.Proxy.Settings;

/// <summary>One finished drift pass over every index.</summary>
internal sealed record SettingsDriftPass(DateTimeOffset StartedAt, DateTimeOffset CompletedAt, bool AutoRepair, IReadOnlyList<IndexDrift> Indexes)
{
    /// <summary>Nodes found with settings other than the committed ones.</summary>
    public int Mismatches => Indexes.Sum(i => i.Nodes.Count(n => n.Status is DriftStatus.Drifted or DriftStatus.Repaired or DriftStatus.Unrepairable));

    public int Repaired => Indexes.Sum(i => i.Nodes.Count(n => n.Status == DriftStatus.Repaired));

    /// <summary>Nodes skipped because they could not be read (unreachable or an error answer).</summary>
    public int Skipped => Indexes.Sum(i => i.Nodes.Count(n => n.Status is DriftStatus.Unreachable or DriftStatus.Error));
}
