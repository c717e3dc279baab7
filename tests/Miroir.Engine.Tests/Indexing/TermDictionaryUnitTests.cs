using Miroir.Engine.Indexing;

namespace Miroir.Engine.Tests.Indexing;

public sealed class TermDictionaryUnitTests
{
    private static TermDictionary Build(params string[] words) =>
        TermDictionary.Empty.With([.. words.Select(w => (w, new WordPostings()))], dropEmpty: false);

    private static Dictionary<string, int> Find(TermDictionary dict, string word, int max, bool prefix)
    {
        var found = new Dictionary<string, int>();
        dict.FindWithin(word, max, prefix, 0, dict.Count, int.MaxValue, (i, d) => found[dict.TermAt(i)] = d);
        return found;
    }

    [Fact]
    public void FindWithin_OneTypo_FindsEditsAndTranspositions()
    {
        var dict = Build("hello", "helo", "hallo", "hlelo", "help", "yellow", "helloo", "world");
        var found = Find(dict, "hello", 1, prefix: false);
        Assert.Equal(new Dictionary<string, int> { ["hello"] = 0, ["helo"] = 1, ["hallo"] = 1, ["hlelo"] = 1, ["helloo"] = 1 }, found);
    }

    [Fact]
    public void FindWithin_Prefix_MatchesExtensionsWithinTypos()
    {
        var dict = Build("databases", "datebook", "data", "dat", "other");
        var found = Find(dict, "datab", 1, prefix: true);
        Assert.Equal(0, found["databases"]);
        Assert.Equal(1, found["datebook"]);
        Assert.Equal(1, found["data"]);
        Assert.False(found.ContainsKey("other"));
    }

    [Fact]
    public void PrefixRange_ReturnsContiguousRange()
    {
        var dict = Build("ab", "abc", "abd", "b", "a");
        var (start, end) = dict.PrefixRange("ab");
        Assert.Equal(["ab", "abc", "abd"], Enumerable.Range(start, end - start).Select(dict.TermAt));
        Assert.Equal(-1, dict.IndexOf("zz"));
        Assert.Equal(0, dict.IndexOf("a"));
    }
}
