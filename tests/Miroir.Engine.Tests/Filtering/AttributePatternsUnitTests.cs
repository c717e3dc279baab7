using System.Text.Json;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

public sealed class AttributePatternsUnitTests
{
    [Theory]
    [InlineData("doggos", "doggos", true)]
    [InlineData("doggos.age", "doggos", true)]
    [InlineData("doggosage", "doggos", false)]
    [InlineData("doggos", "doggos.age", false)]
    [InlineData("anything.at.all", "*", true)]
    [InlineData("doggos.age", "doggos.*", true)]
    [InlineData("doggos", "doggos.*", false)]
    [InlineData("user_id", "*_id", true)]
    [InlineData("user_ids", "*_id", false)]
    [InlineData("a.color.b", "*color*", true)]
    [InlineData("release_date", "rel*date", true)]
    [InlineData("rel", "rel*rel", false)]
    public void Matches_NamesAndPatterns(string field, string pattern, bool expected) =>
        Assert.Equal(expected, AttributePatterns.Matches(field, pattern));

    [Theory]
    [InlineData("doggos", "doggos.age", true)]
    [InlineData("dog", "doggos.age", false)]
    [InlineData("doggos", "doggos.a*", true)]
    [InlineData("doggos", "do*", true)]
    [InlineData("cats", "doggos.*", false)]
    [InlineData("x", "*_id", true)]
    public void MayContain_DescendsOnlyWhereNeeded(string path, string pattern, bool expected) =>
        Assert.Equal(expected, AttributePatterns.MayContain(path, pattern));

    [Fact]
    public void Index_WildcardPatterns_IndexMatchingNestedFields()
    {
        var index = new FieldValueIndex(["doggos.*", "*_id"], []);
        var all = new DocSet();
        using var doc = JsonDocument.Parse("""{"doggos": {"age": 3, "name": "rex"}, "owner": {"user_id": 7}, "title": "x"}""");
        index.Add(0, doc.RootElement);
        all.Add(0);
        Assert.NotNull(index.GetColumn("doggos.age"));
        Assert.NotNull(index.GetColumn("owner.user_id"));
        Assert.Null(index.GetColumn("title"));
        Assert.Equal([0], FilterCorpus.ToArray(FilterEvaluator.Apply(FilterParser.Parse("owner.user_id = 7 AND doggos.name = REX")!, index, all)));
        Assert.Throws<Meili.Errors.MeiliException>(() => FilterEvaluator.Apply(FilterParser.Parse("title = x")!, index, all));
    }
}
