namespace Miroir.Engine.Indexing;

/// <summary>The outcome of a document addition or update batch.</summary>
public sealed record DocumentWriteResult(int IndexedDocuments);

/// <summary>A page of documents in internal-id order, with the total that matched.</summary>
public sealed record DocumentsPage(IReadOnlyList<ReadOnlyMemory<byte>> Results, int Total);

/// <summary>Index statistics: document count and, per top-level field, how many documents have it.</summary>
public sealed record IndexStats(int NumberOfDocuments, IReadOnlyDictionary<string, int> FieldDistribution);
