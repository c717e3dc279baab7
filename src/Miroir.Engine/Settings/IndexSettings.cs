namespace Miroir.Engine.Settings;

/// <summary>
/// The settings of one index, immutable; a settings update builds a new instance and the
/// index swaps it in whole. Defaults are Meilisearch's.
/// </summary>
public sealed record IndexSettings
{
    // Declared before Default: static fields initialise in order, and Default reads this one.
    public static readonly IReadOnlyList<string> DefaultRankingRules =
        ["words", "typo", "proximity", "attribute", "sort", "exactness"];

    public static readonly IndexSettings Default = new();

    /// <summary><c>["*"]</c> means every field, in document order.</summary>
    public IReadOnlyList<string> DisplayedAttributes { get; init; } = ["*"];

    /// <summary><c>["*"]</c> means every field; otherwise the order is the attribute rank.</summary>
    public IReadOnlyList<string> SearchableAttributes { get; init; } = ["*"];

    public IReadOnlyList<string> FilterableAttributes { get; init; } = [];

    /// <summary>
    /// The <c>filterableAttributes</c> entries as given when at least one used the object form
    /// (<see cref="FilterableAttributes"/> then holds their patterns, flattened); null otherwise.
    /// </summary>
    public IReadOnlyList<FilterableAttributeRule>? FilterableAttributeRules { get; init; }

    public IReadOnlyList<string> SortableAttributes { get; init; } = [];

    public IReadOnlyList<string> RankingRules { get; init; } = DefaultRankingRules;

    public IReadOnlyList<string> StopWords { get; init; } = [];

    public IReadOnlyList<string> NonSeparatorTokens { get; init; } = [];

    public IReadOnlyList<string> SeparatorTokens { get; init; } = [];

    public IReadOnlyList<string> Dictionary { get; init; } = [];

    /// <summary>Word (or phrase) to its synonyms, exactly as given by the client.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public string? DistinctAttribute { get; init; }

    /// <summary><c>byWord</c> or <c>byAttribute</c>.</summary>
    public string ProximityPrecision { get; init; } = "byWord";

    public TypoToleranceSettings TypoTolerance { get; init; } = new();

    public FacetingSettings Faceting { get; init; } = new();

    public int MaxTotalHits { get; init; } = 1000;

    public int? SearchCutoffMs { get; init; }

    public bool FacetSearch { get; init; } = true;

    /// <summary><c>indexingTime</c> or <c>disabled</c>.</summary>
    public string PrefixSearch { get; init; } = "indexingTime";

    public IReadOnlyDictionary<string, EmbedderSettings> Embedders { get; init; } =
        new Dictionary<string, EmbedderSettings>();
}

/// <summary>The <c>typoTolerance</c> setting.</summary>
public sealed record TypoToleranceSettings
{
    public bool Enabled { get; init; } = true;

    public int OneTypo { get; init; } = 5;

    public int TwoTypos { get; init; } = 9;

    public IReadOnlyList<string> DisableOnWords { get; init; } = [];

    public IReadOnlyList<string> DisableOnAttributes { get; init; } = [];

    public bool DisableOnNumbers { get; init; }
}

/// <summary>The <c>faceting</c> setting.</summary>
public sealed record FacetingSettings
{
    public int MaxValuesPerFacet { get; init; } = 100;

    /// <summary>Facet name (or <c>*</c>) to <c>alpha</c> or <c>count</c>.</summary>
    public IReadOnlyDictionary<string, string> SortFacetValuesBy { get; init; } =
        new Dictionary<string, string> { ["*"] = "alpha" };
}

/// <summary>One entry of the <c>embedders</c> setting (only <c>userProvided</c> is served).</summary>
public sealed record EmbedderSettings
{
    public string Source { get; init; } = "userProvided";

    public int Dimensions { get; init; }
}
