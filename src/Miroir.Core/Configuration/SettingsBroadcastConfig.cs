namespace Miroir.Core.Configuration;

/// <summary>The <c>settings_broadcast</c> section (spec §13.5): how a settings change reaches the nodes and what happens when they disagree.</summary>
public sealed record SettingsBroadcastConfig
{
    public SettingsBroadcastStrategy Strategy { get; init; } = SettingsBroadcastStrategy.TwoPhase;

    /// <summary>Seconds a change's node tasks (and each repair's) may take before the change is rolled back.</summary>
    public int VerifyTimeoutS { get; init; } = 60;

    /// <summary>Re-applications (with backoff) onto nodes that read back different settings before they count as unrepairable.</summary>
    public int MaxRepairRetries { get; init; } = 3;

    /// <summary>Refuse document writes to an index whose nodes could not be brought to the same settings, until a repair succeeds.</summary>
    public bool FreezeWritesOnUnrepairable { get; init; } = true;
}
