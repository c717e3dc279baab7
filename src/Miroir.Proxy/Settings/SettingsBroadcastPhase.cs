namespace Miroir.Proxy.Settings;

/// <summary>Values of <c>miroir_settings_broadcast_phase</c>: where an index's settings change stands.</summary>
internal enum SettingsBroadcastPhase
{
    /// <summary>No change in flight.</summary>
    Idle = 0,

    /// <summary>Sent to the nodes; their tasks are running.</summary>
    Propose = 1,

    /// <summary>Every node task finished: reading back, comparing, repairing, committing.</summary>
    Verify = 2,
}
