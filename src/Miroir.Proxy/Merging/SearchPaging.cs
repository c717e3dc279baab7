namespace Miroir.Proxy.Merging;

/// <summary>The client's pagination: <c>offset</c>/<c>limit</c> or <c>page</c>/<c>hitsPerPage</c> (which switches the response shape).</summary>
public readonly record struct SearchPaging
{
    private SearchPaging(bool isPaged, int offset, int limit, int page, int hitsPerPage)
    {
        IsPaged = isPaged;
        Offset = offset;
        Limit = limit;
        Page = page;
        HitsPerPage = hitsPerPage;
    }

    /// <summary>True for page/hitsPerPage (exhaustive <c>totalHits</c>, <c>totalPages</c>).</summary>
    public bool IsPaged { get; }

    public int Offset { get; }

    public int Limit { get; }

    public int Page { get; }

    public int HitsPerPage { get; }

    /// <summary>Merged hits to skip.</summary>
    public int Skip => IsPaged ? (Page <= 0 ? 0 : (int)Math.Min(int.MaxValue, (long)(Page - 1) * HitsPerPage)) : Offset;

    /// <summary>Merged hits to return after <see cref="Skip"/>; page 0 returns none, like Meilisearch.</summary>
    public int Take => IsPaged ? (Page <= 0 ? 0 : HitsPerPage) : Limit;

    /// <summary>The limit each node must be asked for (offset 0): every hit that could land in the client's window.</summary>
    public int NodeLimit => (int)Math.Min(int.MaxValue, (long)Skip + Take);

    /// <summary>The client's parameters as Meilisearch reads them: page mode as soon as <c>page</c> or
    /// <c>hitsPerPage</c> is given (defaults 1 and 20), else offset/limit (defaults 0 and 20).</summary>
    public static SearchPaging FromClient(int? offset, int? limit, int? page, int? hitsPerPage) =>
        page is not null || hitsPerPage is not null
            ? Pages(page ?? 1, hitsPerPage ?? 20)
            : OffsetLimit(offset ?? 0, limit ?? 20);

    public static SearchPaging OffsetLimit(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return new SearchPaging(false, offset, limit, 0, 0);
    }

    public static SearchPaging Pages(int page, int hitsPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfNegative(hitsPerPage);
        return new SearchPaging(true, 0, 0, page, hitsPerPage);
    }

    /// <summary>Pages needed for <paramref name="totalHits"/> (0 when hitsPerPage is 0).</summary>
    public long TotalPages(long totalHits) => HitsPerPage == 0 ? 0 : (totalHits + HitsPerPage - 1) / HitsPerPage;
}
