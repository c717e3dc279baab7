using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Ranking;

/// <summary>
/// Asked by the orchestrator, equal hits come by primary key, so two replicas that inserted the same documents in
/// different orders (different internal ids) answer the same order; each hit then names its key in <c>_miroir_id</c>.
/// </summary>
public sealed class PrimaryKeyTieBreakUnitTests
{
    private static readonly string[] Documents =
        [.. Enumerable.Range(1, 60).Select(i => $$"""{"id":{{i}},"name":"item","size":{{i % 4}}}""")];

    public static TheoryData<string, string?, int, int> Requests => new()
    {
        { "", null, 0, 60 },
        { "", null, 10, 7 },
        { "", "size:asc", 5, 20 },
        { "item", null, 0, 60 },
        { "item", null, 12, 9 },
        { "ite", "size:desc", 3, 30 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Search_TieBreakByPrimaryKey_SameOrderWhateverTheInsertionOrder(string q, string? sort, int offset, int limit)
    {
        var forward = TestIndex.Create(Sortable(), Documents);
        var backward = TestIndex.Create(Sortable(), [.. Documents.Reverse()]);
        var request = new SearchRequest { Q = q, Sort = sort is null ? null : [sort], Offset = offset, Limit = limit, TieBreakByPrimaryKey = true };

        var ids = TestIndex.Ids(forward.Search(request));
        Assert.Equal(limit, ids.Count);
        Assert.Equal(ids, TestIndex.Ids(backward.Search(request)));
        var all = TestIndex.Ids(forward.Search(request with { Offset = 0, Limit = 100 }));
        Assert.Equal(all.Skip(offset).Take(limit), ids);
        if (sort is null)
        {
            Assert.Equal(all.Order(StringComparer.Ordinal), all);
        }
    }

    [Fact]
    public void Search_WithoutTieBreak_EqualHitsKeepInsertionOrder()
    {
        var backward = TestIndex.Create(Sortable(), [.. Documents.Reverse()]);
        var ids = TestIndex.Ids(backward.Search(new SearchRequest { Q = "", Limit = 3 }));
        Assert.Equal(["60", "59", "58"], ids);
    }

    [Fact]
    public void Response_TieBreakByPrimaryKey_HitsCarryTheirKey()
    {
        var index = TestIndex.Create(Sortable(), Documents);
        var asked = TestIndex.Response(index.Search(new SearchRequest { Q = "", Limit = 2, TieBreakByPrimaryKey = true }));
        var plain = TestIndex.Response(index.Search(new SearchRequest { Q = "", Limit = 2 }));
        Assert.Equal(["1", "10"], asked.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("_miroir_id").GetString()));
        Assert.False(plain.GetProperty("hits")[0].TryGetProperty("_miroir_id", out _));
    }

    private static IndexSettings Sortable() => IndexSettings.Default with { SortableAttributes = ["size"] };
}
