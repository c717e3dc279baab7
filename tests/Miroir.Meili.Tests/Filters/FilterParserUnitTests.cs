using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Meili.Filters;

namespace Miroir.Meili.Tests.Filters;

public sealed class FilterParserUnitTests
{
    private static string P(string filter) => FilterParser.Parse(filter)!.ToString();

    [Theory]
    [InlineData("channel = Ponce", "{channel} = {Ponce}")]
    [InlineData("subscribers = 12", "{subscribers} = {12}")]
    [InlineData("channel = 'Mister Mv'", "{channel} = {Mister Mv}")]
    [InlineData("channel = \"Mister Mv\"", "{channel} = {Mister Mv}")]
    [InlineData("'dog race' = Borzoi", "{dog race} = {Borzoi}")]
    [InlineData("\"dog race\" = 'Bernese Mountain'", "{dog race} = {Bernese Mountain}")]
    [InlineData("channel != ponce", "{channel} != {ponce}")]
    [InlineData("subscribers < 1000", "{subscribers} < {1000}")]
    [InlineData("subscribers > 1000", "{subscribers} > {1000}")]
    [InlineData("subscribers <= 1000", "{subscribers} <= {1000}")]
    [InlineData("subscribers >= 1000", "{subscribers} >= {1000}")]
    [InlineData("subscribers>=1000", "{subscribers} >= {1000}")]
    [InlineData("subscribers 100 TO 1000", "{subscribers} {100} TO {1000}")]
    [InlineData("doggo.age = 2", "{doggo.age} = {2}")]
    [InlineData("price = -3.5", "{price} = {-3.5}")]
    public void Parse_Comparisons_BuildsConditions(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Theory]
    [InlineData("colour IN[]", "{colour} IN[]")]
    [InlineData("colour IN[green]", "{colour} IN[{green}, ]")]
    [InlineData("colour IN[green,]", "{colour} IN[{green}, ]")]
    [InlineData("colour NOT IN[green,blue]", "NOT ({colour} IN[{green}, {blue}, ])")]
    [InlineData(" colour IN [  green , blue , ]", "{colour} IN[{green}, {blue}, ]")]
    [InlineData(" colour NOT  IN [green, blue] ", "NOT ({colour} IN[{green}, {blue}, ])")]
    [InlineData("x = 1 OR NOT (colour IN [green, blue]  OR color = green) ",
        "OR[{x} = {1}, NOT (OR[{colour} IN[{green}, {blue}, ], {color} = {green}, ]), ]")]
    public void Parse_In_BuildsValueLists(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Theory]
    [InlineData("subscribers IS NULL", "{subscribers} IS NULL")]
    [InlineData("subscribers IS NOT NULL", "NOT ({subscribers} IS NULL)")]
    [InlineData("NOT subscribers IS NOT NULL", "{subscribers} IS NULL")]
    [InlineData("subscribers  IS   NOT   NULL", "NOT ({subscribers} IS NULL)")]
    [InlineData("subscribers IS EMPTY", "{subscribers} IS EMPTY")]
    [InlineData("subscribers IS NOT EMPTY", "NOT ({subscribers} IS EMPTY)")]
    [InlineData("subscribers EXISTS", "{subscribers} EXISTS")]
    [InlineData("subscribers NOT EXISTS", "NOT ({subscribers} EXISTS)")]
    [InlineData("NOT subscribers NOT EXISTS", "{subscribers} EXISTS")]
    [InlineData("subscribers CONTAINS 'hello'", "{subscribers} CONTAINS {hello}")]
    [InlineData("subscribers NOT CONTAINS hello", "NOT ({subscribers} CONTAINS {hello})")]
    [InlineData("subscribers STARTS WITH 'hel'", "{subscribers} STARTS WITH {hel}")]
    [InlineData("subscribers NOT   STARTS WITH 'hel'", "NOT ({subscribers} STARTS WITH {hel})")]
    [InlineData("NOT NOT NOT NOT x = 5", "{x} = {5}")]
    [InlineData("NOT NOT (NOT NOT x = 5)", "{x} = {5}")]
    [InlineData("NOT subscribers 100 TO 1000", "NOT ({subscribers} {100} TO {1000})")]
    [InlineData("NOT(x = 1)", "NOT ({x} = {1})")]
    public void Parse_UnaryOperatorsAndNot_BuildsCanonicalTree(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Theory]
    [InlineData("_geoRadius(12, 13, 14)", "_geoRadius({12}, {13}, {14})")]
    [InlineData("_geoRadius(12,13,14)", "_geoRadius({12}, {13}, {14})")]
    [InlineData("NOT _geoRadius(12.5, -13, 1e3)", "NOT (_geoRadius({12.5}, {-13}, {1000}))")]
    [InlineData("_geoBoundingBox([12, 13], [11, 15])", "_geoBoundingBox([{12}, {13}], [{11}, {15}])")]
    [InlineData("_geoBoundingBox([12,13],[11,15])", "_geoBoundingBox([{12}, {13}], [{11}, {15}])")]
    public void Parse_GeoOperations_ReadsCoordinates(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Theory]
    [InlineData("channel = ponce AND 'dog race' != 'bernese mountain' OR subscribers > 1000",
        "OR[AND[{channel} = {ponce}, {dog race} != {bernese mountain}, ], {subscribers} > {1000}, ]")]
    [InlineData("channel = ponce AND 'dog race' != 'bernese mountain' OR subscribers > 1000 OR colour = red OR colour = blue AND size = 7",
        "OR[AND[{channel} = {ponce}, {dog race} != {bernese mountain}, ], {subscribers} > {1000}, {colour} = {red}, AND[{colour} = {blue}, {size} = {7}, ], ]")]
    [InlineData("channel = ponce AND ( 'dog race' != 'bernese mountain' OR subscribers > 1000 )",
        "AND[{channel} = {ponce}, OR[{dog race} != {bernese mountain}, {subscribers} > {1000}, ], ]")]
    [InlineData("(channel = ponce AND 'dog race' != 'bernese mountain' OR subscribers > 1000) AND _geoRadius(12, 13, 14)",
        "AND[OR[AND[{channel} = {ponce}, {dog race} != {bernese mountain}, ], {subscribers} > {1000}, ], _geoRadius({12}, {13}, {14}), ]")]
    [InlineData("NOT \"OR\" EXISTS AND \"EXISTS\" NOT EXISTS", "AND[NOT ({OR} EXISTS), NOT ({EXISTS} EXISTS), ]")]
    public void Parse_AndOrParentheses_AndBindsTighter(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Theory]
    [InlineData(@"title = 'foo\\'", @"{title} = {foo\}")]
    [InlineData(@"title = 'foo\\\\'", @"{title} = {foo\\}")]
    [InlineData(@"title = 'I\'m here'", "{title} = {I'm here}")]
    [InlineData("title = \"say \\\"hi\\\"\"", "{title} = {say \"hi\"}")]
    [InlineData(@"title = 'a\tb\x41\u{263A}'", "{title} = {a\tbA\u263A}")]
    public void Parse_Escapes_AreResolved(string filter, string expected) => Assert.Equal(expected, P(filter));

    [Fact]
    public void Parse_MaximumNesting_IsAccepted()
    {
        var filter = new string('(', 49) + "x = 1" + new string(')', 49);
        Assert.Equal("{x} = {1}", P(filter));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_ReturnsNull(string filter) => Assert.Null(FilterParser.Parse(filter));

    [Fact]
    public void Parse_ArrayForm_OuterAndInnerOr()
    {
        using var doc = JsonDocument.Parse("""[["genres = horror", "genres = comedy"], "director = 'Jordan Peele'", "", []]""");
        Assert.Equal("AND[OR[{genres} = {horror}, {genres} = {comedy}, ], {director} = {Jordan Peele}, ]",
            FilterParser.Parse(doc.RootElement)!.ToString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("[\"\", []]")]
    public void Parse_EmptyJsonForms_ReturnNull(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Null(FilterParser.Parse(doc.RootElement));
    }

    [Theory]
    [InlineData("true", "Invalid syntax for the filter parameter: `expected String, Array, found: true`.")]
    [InlineData("[1]", "Invalid syntax for the filter parameter: `expected String, [String], found: 1`.")]
    [InlineData("[[\"a = 1\", 2]]", "Invalid syntax for the filter parameter: `expected String, found: 2`.")]
    public void Parse_WrongJsonTypes_Throw(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);
        var error = Assert.Throws<MeiliException>(() => FilterParser.Parse(doc.RootElement));
        Assert.Equal(message, error.Message);
        Assert.Same(ErrorCode.InvalidSearchFilter, error.Code);
    }

    [Fact]
    public void Parse_ArrayItemError_PointsIntoThatItem()
    {
        using var doc = JsonDocument.Parse("""["a = 1", ["b = 2", "c d"]]""");
        var error = Assert.Throws<MeiliException>(() => FilterParser.Parse(doc.RootElement, ErrorCode.InvalidDocumentFilter));
        Assert.EndsWith("at `c d`.\n1:4 c d", error.Message);
        Assert.Same(ErrorCode.InvalidDocumentFilter, error.Code);
    }
}
