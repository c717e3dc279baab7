using System.Text.Json;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Nodes;

/// <summary>What one node answered: its HTTP status and body, or status 0 and the <see cref="Error"/> when it could not be reached.</summary>
public sealed class NodeResponse
{
    public NodeResponse(int status, byte[] body, NodeError? error = null)
    {
        Status = status;
        Body = body;
        Error = error;
    }

    /// <summary>HTTP status, 0 when the node was unreachable or timed out.</summary>
    public int Status { get; }

    public byte[] Body { get; }

    /// <summary>Why the node could not be reached (null when it answered).</summary>
    public NodeError? Error { get; }

    /// <summary>The reason of <see cref="Error"/> for logs and messages (null when the node answered).</summary>
    public string? Failure => Error?.Detail;

    public bool Reached => Status != 0;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A node not asked at all (marked failed, no node to ask): counts as not reached.</summary>
    public static NodeResponse Unreachable(string failure) => new(0, [], new NodeError(NodeErrorKind.ConnectFailed, 0, failure, null));

    /// <summary>A copy of <paramref name="answer"/> (the caller still disposes it); a transport failure keeps its typed error.</summary>
    public static NodeResponse Of(NodeAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status == 0
            ? new NodeResponse(0, [], answer.Error)
            : new NodeResponse(answer.Status, answer.Body.IsEmpty ? [] : answer.ToArray());
    }

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
