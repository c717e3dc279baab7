using System.Text.Json;

namespace Miroir.Engine.Vectors;

/// <summary>Writes <c>_vectors</c> for hits and documents fetched with <c>retrieveVectors</c>.</summary>
public sealed partial class VectorStore
{
    private static readonly JsonEncodedText VectorsName = JsonEncodedText.Encode("_vectors");
    private static readonly JsonEncodedText EmbeddingsName = JsonEncodedText.Encode("embeddings");
    private static readonly JsonEncodedText RegenerateName = JsonEncodedText.Encode("regenerate");

    /// <summary>
    /// Writes the <c>"_vectors"</c> property: the stored document's entries for names that are not
    /// embedders (kept verbatim), then for each embedder that owns vectors of the document
    /// <c>{"embeddings": [[...], ...], "regenerate": false}</c>. Without <c>retrieveVectors</c> the
    /// caller writes nothing: Meilisearch hides <c>_vectors</c>.
    /// </summary>
    public void WriteVectorsField(Utf8JsonWriter writer, int docId, JsonElement? storedVectorsField)
    {
        writer.WritePropertyName(VectorsName);
        WriteVectorsValue(writer, docId, storedVectorsField, everyEmbedder: false);
    }

    /// <summary>
    /// Writes <c>"_vectors"</c> for a snapshot or dump: like <see cref="WriteVectorsField"/> but
    /// with an entry for every embedder, so that re-adding the document restores the same state
    /// without tripping the "no vectors provided" check.
    /// </summary>
    public void WriteExportVectorsField(Utf8JsonWriter writer, int docId, JsonElement? storedVectorsField)
    {
        writer.WritePropertyName(VectorsName);
        WriteVectorsValue(writer, docId, storedVectorsField, everyEmbedder: true);
    }

    /// <summary>The value of <c>_vectors</c> as standalone JSON, to render it while the index is locked.</summary>
    public byte[] RenderVectors(int docId, JsonElement? storedVectorsField)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteVectorsValue(writer, docId, storedVectorsField, everyEmbedder: false);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteVectorsValue(Utf8JsonWriter writer, int docId, JsonElement? storedVectorsField, bool everyEmbedder)
    {
        writer.WriteStartObject();
        if (storedVectorsField is { ValueKind: JsonValueKind.Object } stored)
        {
            foreach (var property in stored.EnumerateObject())
            {
                if (!_byEmbedder.ContainsKey(property.Name))
                {
                    property.WriteTo(writer);
                }
            }
        }
        foreach (var (name, store) in _byEmbedder.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!everyEmbedder && !store.UserProvided.Contains(docId) && !store.WithVectors.Contains(docId))
            {
                continue;
            }
            writer.WriteStartObject(name);
            writer.WritePropertyName(EmbeddingsName);
            writer.WriteStartArray();
            var flat = store.Get(docId);
            for (var offset = 0; offset + store.Dimensions <= flat.Length; offset += store.Dimensions)
            {
                writer.WriteStartArray();
                foreach (var value in flat.Slice(offset, store.Dimensions))
                {
                    writer.WriteNumberValue(value);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteBoolean(RegenerateName, false);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
