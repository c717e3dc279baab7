namespace Miroir.Engine.Settings;

/// <summary>
/// One entry of <c>filterableAttributes</c> in its object form
/// (<c>{attributePatterns, features: {facetSearch, filter: {equality, comparison}}}</c>), with
/// Meilisearch's defaults; a plain string entry is kept as <see cref="Field"/>.
/// </summary>
public sealed record FilterableAttributeRule
{
    /// <summary>Set when the entry was a plain attribute name (all features enabled).</summary>
    public string? Field { get; init; }

    public IReadOnlyList<string> AttributePatterns { get; init; } = [];

    public bool FacetSearch { get; init; }

    public bool Equality { get; init; } = true;

    public bool Comparison { get; init; }
}
