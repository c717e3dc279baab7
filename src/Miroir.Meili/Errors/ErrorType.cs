namespace Miroir.Meili.Errors;

/// <summary>The <c>type</c> field of a Meilisearch error object.</summary>
public enum ErrorType
{
    InvalidRequest,
    Internal,
    Auth,
    System,
}
