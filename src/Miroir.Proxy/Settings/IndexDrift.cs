namespace Miroir.Proxy.Settings;

/// <summary>One index's outcome in a drift pass.</summary>
/// <param name="CommittedHash">SHA-256 of the committed settings compared against; null without a reference.</param>
/// <param name="Status">A <see cref="DriftStatus"/> value.</param>
/// <param name="Frozen">Document writes are refused after the pass (<c>miroir_index_frozen</c>).</param>
internal sealed record IndexDrift(string Uid, long SettingsVersion, string? CommittedHash, string Status, bool Frozen, IReadOnlyList<NodeDrift> Nodes);
