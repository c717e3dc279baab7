using System.Buffers;
using System.Text.Json;

namespace Miroir.Proxy.Transport;

/// <summary>
/// Why a node exchange failed: a transport <see cref="Kind"/>, or an HTTP error <see cref="Status"/> whose Meilisearch
/// error <see cref="Code"/> is read from the answer's body on first use (valid while the answer is not disposed).
/// </summary>
public sealed class NodeError
{
    private readonly NodeAnswer? _answer;
    private string? _code;
    private bool _codeRead;

    internal NodeError(NodeErrorKind kind, int status, string? detail, NodeAnswer? answer)
    {
        Kind = kind;
        Status = status;
        Detail = detail;
        _answer = answer;
    }

    public NodeErrorKind Kind { get; }

    /// <summary>The HTTP status for <see cref="NodeErrorKind.HttpStatus"/>, 0 otherwise.</summary>
    public int Status { get; }

    /// <summary>A human-readable reason for transport failures (for logs and health reasons), null for HTTP errors.</summary>
    public string? Detail { get; }

    public NodeOutcome Outcome => NodeFailures.Classify(Kind, Status);

    /// <summary>The Meilisearch error <c>code</c> of an HTTP error answer, null when the body carries none.</summary>
    public string? Code
    {
        get
        {
            if (!_codeRead && _answer is not null)
            {
                _code = ReadCode(_answer.Body);
                _codeRead = true;
            }

            return _code;
        }
    }

    public override string ToString() => Kind == NodeErrorKind.HttpStatus ? $"HTTP {Status} {Code}" : $"{Kind}: {Detail}";

    // The top-level "code" string of a Meilisearch error object; anything else (not JSON, no code) reads as null.
    private static string? ReadCode(ReadOnlySequence<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCode = reader.ValueTextEquals("code"u8);
                reader.Read();
                if (isCode && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A truncated or non-JSON body has no code.
        }

        return null;
    }
}
