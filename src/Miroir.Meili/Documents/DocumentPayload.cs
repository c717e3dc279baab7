namespace Miroir.Meili.Documents;

/// <summary>
/// The documents of one request body: each entry is the UTF-8 bytes of one JSON object, sliced
/// from the request buffer (JSON, NDJSON) or from one buffer the CSV reader wrote.
/// </summary>
public sealed class DocumentPayload(IReadOnlyList<ReadOnlyMemory<byte>> documents)
{
    public static readonly DocumentPayload Empty = new([]);

    public IReadOnlyList<ReadOnlyMemory<byte>> Documents { get; } = documents;

    public int Count => Documents.Count;
}
