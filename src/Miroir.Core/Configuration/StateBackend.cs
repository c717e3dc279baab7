namespace Miroir.Core.Configuration;

/// <summary>Values of <c>state.backend</c>.</summary>
public enum StateBackend
{
    /// <summary><c>log</c>: the local append-only log (one orchestrator pod).</summary>
    Log,

    /// <summary><c>redis</c>: shared state for several orchestrator pods.</summary>
    Redis,
}
