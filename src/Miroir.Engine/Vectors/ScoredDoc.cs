namespace Miroir.Engine.Vectors;

/// <summary>A ranked document: internal id and its ranking score in [0, 1].</summary>
public readonly record struct ScoredDoc(int DocId, double Score);
