namespace Miroir.Load;

/// <summary>One finished operation: its kind and whether the target answered with the expected status.</summary>
internal readonly record struct Outcome(Operation Operation, bool Ok);
