namespace Miroir.Core.Configuration;

/// <summary>The <c>settings_drift_check</c> section (spec §13.5): the always-on reconciler of out-of-band settings edits.</summary>
public sealed record SettingsDriftCheckConfig
{
    /// <summary>Seconds between passes (the first runs one interval after start).</summary>
    public int IntervalS { get; init; } = 300;

    /// <summary>Put the committed settings back on drifted nodes (false = count and report only).</summary>
    public bool AutoRepair { get; init; } = true;
}
