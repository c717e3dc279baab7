namespace Miroir.Proxy.Writes;

/// <summary>The shards (ascending) of one write that the node with ordinal <paramref name="Node"/> owns and did not take.</summary>
public sealed record MissedCopies(int Node, int[] Shards);
