using System.Text;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Tests.Ranking;

public sealed class DebianRelevanceUnitTests
{
    private static readonly Lazy<EngineIndex> Index = new(() =>
    {
        var settings = IndexSettings.Default with { SearchableAttributes = ["name", "summary", "description", "tags"] };
        var index = new EngineIndex("debian", "id", settings);
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "debian-sample.ndjson"))
            .Where(l => l.Length > 0)
            .Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l))
            .ToList();
        index.AddDocuments(lines, updateExisting: false);
        return index;
    });

    private static string TopName(string q)
    {
        var hit = Index.Value.Search(new SearchRequest { Q = q }).Hits[0];
        using var doc = System.Text.Json.JsonDocument.Parse(hit.Json);
        return doc.RootElement.GetProperty("name").GetString()!;
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("vim", "vim")]
    [InlineData("postgresql", "postgresql")]
    [InlineData("tmux", "tmux")]
    [InlineData("git", "git")]
    [InlineData("gimp", "gimp")]
    [InlineData("firefox", "firefox-esr")]
    public void Search_PackageName_FindsItFirst(string q, string expected) => Assert.Equal(expected, TopName(q));

    [Theory]
    [InlineData("gimpp", "gimp")]
    [InlineData("postgresq", "postgresql")]
    [InlineData("tmu", "tmux")]
    public void Search_TypoOrPrefix_StillFindsPackage(string q, string expected) => Assert.Equal(expected, TopName(q));

    [Fact]
    public void Search_Corpus_AllDocumentsIndexed()
    {
        Assert.Equal(321, Index.Value.DocumentCount);
        Assert.Equal(321, Index.Value.Search(new SearchRequest { Limit = 0 }).TotalHits);
    }
}
