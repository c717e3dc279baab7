namespace Miroir.Proxy.AntiEntropy;

/// <summary>One replica's full copy of a divergent document, read right before repair.</summary>
/// <param name="Print">Its fingerprint.</param>
/// <param name="Raw">The document exactly as the node returned it (reserved fields included), ready to write back.</param>
internal sealed record DocumentCopy(DocumentPrint Print, ReadOnlyMemory<byte> Raw);
