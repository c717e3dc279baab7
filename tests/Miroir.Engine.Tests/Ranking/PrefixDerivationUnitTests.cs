namespace Miroir.Engine.Tests.Ranking;

/// <summary>A prefix matches every word that starts with it, however many: a cap would make a shard match other documents than the whole index.</summary>
public sealed class PrefixDerivationUnitTests
{
    [Fact]
    public void Search_PrefixWithHundredsOfWords_MatchesEveryDocument()
    {
        var index = TestIndex.Create(null, [.. Enumerable.Range(0, 450).Select(i => $$"""{"id":{{i}},"name":"lib{{i:000}}"}""")]);
        var result = index.Search(new Miroir.Engine.Search.SearchRequest { Q = "lib", Limit = 1 });
        Assert.Equal(450, result.TotalHits);
    }
}
