namespace Miroir.Meili.Errors;

/// <summary>An error that reaches the client as a Meilisearch error object.</summary>
public sealed class MeiliException(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;
}
