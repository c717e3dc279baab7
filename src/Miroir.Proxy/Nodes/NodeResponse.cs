using System.Text.Json;

namespace Miroir.Proxy.Nodes;

/// <summary>What one node answered: its HTTP status and body, or status 0 when it could not be reached.</summary>
public sealed class NodeResponse
{
    public NodeResponse(int status, byte[] body, string? failure = null)
    {
        Status = status;
        Body = body;
        Failure = failure;
    }

    /// <summary>HTTP status, 0 when the node was unreachable or timed out.</summary>
    public int Status { get; }

    public byte[] Body { get; }

    /// <summary>Why the node could not be reached (null when it answered).</summary>
    public string? Failure { get; }

    public bool Reached => Status != 0;

    public bool IsSuccess => Status is >= 200 and < 300;

    public static NodeResponse Unreachable(string failure) => new(0, [], failure);

    /// <summary>The body parsed as JSON (callers dispose the document).</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>For a 202 answer: the node's <c>taskUid</c>, or -1.</summary>
    public long TaskUid()
    {
        if (!IsSuccess || Body.Length == 0)
        {
            return -1;
        }

        var reader = new Utf8JsonReader(Body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("taskUid"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : -1;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
            {
                reader.Skip();
            }
        }

        return -1;
    }
}
