namespace Miroir.Meili.Auth;

/// <summary>
/// One API key as Meilisearch stores it. The secret <c>key</c> value is not stored: it is
/// derived from <see cref="Uid"/> and the master key (<see cref="ApiKeyDerivation"/>).
/// </summary>
public sealed record ApiKey
{
    public required Guid Uid { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Action names as given (<c>search</c>, <c>documents.*</c>, <c>*</c>, ...).</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>Index uid patterns as given (<c>*</c>, <c>movies</c>, <c>products_*</c>).</summary>
    public required IReadOnlyList<string> Indexes { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;
}
