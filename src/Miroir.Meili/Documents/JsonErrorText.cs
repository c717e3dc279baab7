using System.Text.Json;

namespace Miroir.Meili.Documents;

/// <summary>Turns a reader exception into serde_json's "reason at line L column C" style.</summary>
internal static class JsonErrorText
{
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        message = Translate(message.TrimEnd('.', ' '));
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        return $"{message} at line {line} column {column}";
    }

    /// <summary>"at line L column C" for a byte offset, both 1-based.</summary>
    public static string Position(ReadOnlySpan<byte> body, int offset)
    {
        var before = body[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - before.LastIndexOf((byte)'\n');
        return $"at line {line} column {column}";
    }

    /// <summary>Maps the common reader messages to serde_json's wording; others pass through.</summary>
    private static string Translate(string message) =>
        message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
        || message.Contains("reached end of data", StringComparison.Ordinal)
        || message.Contains("Expected depth to be zero", StringComparison.Ordinal)
            ? "EOF while parsing a value"
            : message.Contains("is an invalid start of a value", StringComparison.Ordinal)
                ? "expected value"
                : message.Contains("is an invalid start of a property name", StringComparison.Ordinal)
                    ? "key must be a string"
                    : message;
}
