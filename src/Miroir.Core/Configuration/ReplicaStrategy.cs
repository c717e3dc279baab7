namespace Miroir.Core.Configuration;

/// <summary>Values of <c>replica_selection.strategy</c> (spec §13.3).</summary>
public enum ReplicaStrategy
{
    /// <summary>The query's replica unless its node ranks far behind the best (EWMA of latency, in-flight and errors).</summary>
    Adaptive,

    /// <summary>The query's replica (a hash of the query, or a per-request rotation), whatever the nodes' speed.</summary>
    RoundRobin,

    /// <summary>A random replica per request.</summary>
    Random,
}
