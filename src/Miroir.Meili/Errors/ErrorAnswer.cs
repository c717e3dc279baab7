namespace Miroir.Meili.Errors;

/// <summary>A Meilisearch error object and its HTTP status: <c>{"message","code","type","link"}</c>.</summary>
public readonly record struct ErrorAnswer(int Status, string Code, string Type, string Message)
{
    public ErrorAnswer(ErrorCode code, string message)
        : this(code?.Status ?? throw new ArgumentNullException(nameof(code)), code.Name, code.TypeName, message)
    {
    }

    public string Link => "https://docs.meilisearch.com/errors#" + Code;
}
