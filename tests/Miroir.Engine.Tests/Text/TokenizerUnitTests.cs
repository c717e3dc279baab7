using Miroir.Engine.Text;

namespace Miroir.Engine.Tests.Text;

public sealed class TokenizerUnitTests
{
    private static List<(string Word, int Position)> Words(Tokenizer tokenizer, string text)
    {
        var tokens = new List<Token>();
        var last = -1;
        tokenizer.Reset();
        tokenizer.Tokenize(text, ref last, false, tokens);
        return [.. tokens.Select(t => (tokenizer.NormalizedString(t), t.Position))];
    }

    [Fact]
    public void Tokenize_SoftSeparators_ConsecutivePositions()
    {
        Assert.Equal([("hello", 0), ("world", 1), ("foo", 2)], Words(Tokenizer.Default, "Hello, world - foo"));
    }

    [Fact]
    public void Tokenize_HardSeparator_AddsGapOfEight()
    {
        Assert.Equal([("one", 0), ("two", 8), ("three", 9)], Words(Tokenizer.Default, "One. Two three"));
    }

    [Fact]
    public void Tokenize_DiacriticsAndNumbers_FoldedAndKept()
    {
        Assert.Equal([("creme", 0), ("brulee", 1), ("3.14", 2), ("42", 3)], Words(Tokenizer.Default, "Crème brûlée 3.14 42"));
    }

    [Fact]
    public void Tokenize_CustomTokens_HonoursSettings()
    {
        var tokenizer = new Tokenizer(separatorTokens: ["&"], nonSeparatorTokens: ["#"], dictionary: ["j.r.r."], stopWords: []);
        Assert.Equal([("c#", 0), ("r", 1), ("d", 2), ("j.r.r.", 3), ("tolkien", 4)], Words(tokenizer, "C# r&d J.R.R. Tolkien"));
    }

    [Fact]
    public void Tokenize_StopWords_FlaggedButKeepPositions()
    {
        var tokenizer = new Tokenizer([], [], [], ["the"]);
        var tokens = new List<Token>();
        var last = -1;
        tokenizer.Tokenize("the cat", ref last, false, tokens);
        Assert.True(tokens[0].IsStopWord);
        Assert.False(tokens[1].IsStopWord);
        Assert.Equal(1, tokens[1].Position);
    }

    [Fact]
    public void Tokenize_ContinuedAttribute_HardStartAddsGap()
    {
        var tokens = new List<Token>();
        var last = -1;
        Tokenizer.Default.Tokenize("a b", ref last, false, tokens);
        Tokenizer.Default.Tokenize("c", ref last, true, tokens);
        Assert.Equal([0, 1, 9], tokens.Select(t => t.Position));
    }
}
