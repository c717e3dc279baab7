using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>The members of a node's <c>GET /indexes/{uid}/stats</c> answer that Miroir aggregates.</summary>
internal sealed class NodeStats
{
    public long NumberOfDocuments { get; private set; }

    public bool IsIndexing { get; private set; }

    public double? RawDocumentDbSize { get; private set; }

    public double NumberOfEmbeddings { get; private set; }

    public double NumberOfEmbeddedDocuments { get; private set; }

    public List<(string Field, long Count)> FieldDistribution { get; } = [];

    /// <summary>Reads what it recognises; an unreadable body gives empty stats rather than failing the request.</summary>
    public static NodeStats Parse(ReadOnlySpan<byte> body)
    {
        var stats = new NodeStats();
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "numberOfDocuments" when reader.TokenType == JsonTokenType.Number:
                        stats.NumberOfDocuments = reader.GetInt64();
                        break;
                    case "isIndexing":
                        stats.IsIndexing = reader.TokenType == JsonTokenType.True;
                        break;
                    case "rawDocumentDbSize" when reader.TokenType == JsonTokenType.Number:
                        stats.RawDocumentDbSize = reader.GetDouble();
                        break;
                    case "numberOfEmbeddings" when reader.TokenType == JsonTokenType.Number:
                        stats.NumberOfEmbeddings = reader.GetDouble();
                        break;
                    case "numberOfEmbeddedDocuments" when reader.TokenType == JsonTokenType.Number:
                        stats.NumberOfEmbeddedDocuments = reader.GetDouble();
                        break;
                    case "fieldDistribution" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var field = reader.GetString()!;
                            reader.Read();
                            stats.FieldDistribution.Add((field, reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0));
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Keep what was read.
        }

        return stats;
    }
}
