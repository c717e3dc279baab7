namespace Miroir.Engine.Ranking;

/// <summary>
/// Positions [<see cref="Lo"/>, <see cref="Hi"/>) of the ranking order that tie on every rule
/// so far; only its first <see cref="Needed"/> documents must be ordered further.
/// </summary>
internal readonly record struct Bucket(int Lo, int Hi, int Needed);
