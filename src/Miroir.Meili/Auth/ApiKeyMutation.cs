namespace Miroir.Meili.Auth;

/// <summary>
/// A change to the key store, the unit the server writes to its log and replays at start:
/// <see cref="Key"/> is put (created or updated) unless <see cref="Deleted"/> is set.
/// </summary>
public sealed record ApiKeyMutation(ApiKey Key, bool Deleted = false);
