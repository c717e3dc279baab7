namespace Miroir.Meili.Documents;

/// <summary>The body formats accepted by the document routes.</summary>
public enum DocumentPayloadFormat
{
    Json,
    Ndjson,
    Csv,
}
