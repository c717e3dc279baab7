namespace Miroir.Engine.Settings;

/// <summary>
/// One settings sub-route: <c>/indexes/{uid}/settings/{Route}</c> serves the setting <c>Key</c>;
/// GET reads it, <c>UpdateMethod</c> (PUT or PATCH, as in Meilisearch) replaces it with the body,
/// DELETE resets it.
/// </summary>
public sealed record SettingsRoute(string Route, string Key, string UpdateMethod);
