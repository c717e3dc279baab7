using Miroir.Meili.Text;

namespace Miroir.Meili.Tests.Text;

public sealed class TextNormalizerUnitTests
{
    [Theory]
    [InlineData("Crème Brûlée", "creme brulee")]
    [InlineData("ÀÉÎÕÜ çñ", "aeiou cn")]
    [InlineData("Łódź", "lodz")]
    [InlineData("plain ascii 42", "plain ascii 42")]
    [InlineData("Nguyễn", "nguyen")]
    [InlineData("e\u0301te\u0301", "ete")]
    public void Normalize_LatinText_FoldsCaseAndDiacritics(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_AlreadyNormal_ReturnsSameInstance()
    {
        var s = "already normal";
        Assert.Same(s, TextNormalizer.Normalize(s));
    }
}
