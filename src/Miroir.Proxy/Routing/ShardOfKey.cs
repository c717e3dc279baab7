namespace Miroir.Proxy.Routing;

/// <summary>Maps a document id's canonical UTF-8 form (integers in decimal) to its shard in [0, S).</summary>
/// <remarks>The seam to Miroir.Core's routing: the orchestrator passes Core's shard function here.</remarks>
public delegate int ShardOfKey(ReadOnlySpan<byte> canonicalKeyUtf8);
