namespace Miroir.Core.Configuration;

/// <summary>Values of <c>settings_broadcast.strategy</c> (spec §13.5).</summary>
public enum SettingsBroadcastStrategy
{
    /// <summary><c>two_phase</c>: every node in parallel (after the first validated it), then read back and verified.</summary>
    TwoPhase,

    /// <summary><c>sequential</c>: node by node, each waiting for the previous node's task, stopping at the first failure; then verified.</summary>
    Sequential,
}
