namespace Miroir.Proxy.Settings;

/// <summary>One node's settings of one index as a drift pass found (and left) them.</summary>
/// <param name="Status">A <see cref="DriftStatus"/> value.</param>
/// <param name="Hash">SHA-256 of the settings it answered with (before any repair); null when it did not answer.</param>
/// <param name="Error">Why it was skipped or not repaired.</param>
internal sealed record NodeDrift(string NodeId, string Status, string? Hash, string? Error = null);
