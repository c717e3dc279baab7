using Miroir.Meili.Errors;
using Miroir.Meili.Filters;

namespace Miroir.Meili.Tests.Filters;

public sealed class FilterParserErrorUnitTests
{
    private const string Ops =
        "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT EMPTY`, `CONTAINS`, `NOT CONTAINS`, `STARTS WITH`, `NOT STARTS WITH`, `_geoRadius`, or `_geoBoundingBox`";

    private const string ReservedGeo =
        "is a reserved keyword and thus can't be used as a filter expression. Use the `_geoRadius(latitude, longitude, distance)` or `_geoBoundingBox([latitude, longitude], [latitude, longitude])` built-in rules to filter on `_geo` coordinates.";

    private static string Fail(string filter)
    {
        var error = Assert.Throws<MeiliException>(() => FilterParser.Parse(filter));
        Assert.Same(ErrorCode.InvalidSearchFilter, error.Code);
        return error.Message;
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "channel = Ponce = 12", "Found unexpected characters at the end of the filter: `= 12`. You probably forgot an `OR` or an `AND` rule.\n17:21 channel = Ponce = 12" },
        { "channel =    ", "Was expecting a value but instead got nothing.\n14:14 channel =    " },
        { "channel = 🐻", "Was expecting a value but instead got `🐻`.\n11:12 channel = 🐻" },
        { "channel = 🐻 AND followers < 100", "Was expecting a value but instead got `🐻`.\n11:12 channel = 🐻 AND followers < 100" },
        { "'OR'", Ops + " at `\\'OR\\'`.\n1:5 'OR'" },
        { "OR", "Was expecting a value but instead got `OR`, which is a reserved keyword. To use `OR` as a field name or a value, surround it by quotes.\n1:3 OR" },
        { "channel Ponce", Ops + " at `channel Ponce`.\n1:14 channel Ponce" },
        { "channel = Ponce OR", Ops + " but instead got nothing.\n19:19 channel = Ponce OR" },
        { "_geoRadius", "The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.\n1:11 _geoRadius" },
        { "_geoRadius = 12", "The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.\n1:16 _geoRadius = 12" },
        { "_geoRadius(1, 2)", "The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.\n1:17 _geoRadius(1, 2)" },
        { "_geoBoundingBox", "The `_geoBoundingBox` filter expects two pairs of arguments: `_geoBoundingBox([latitude, longitude], [latitude, longitude])`.\n1:16 _geoBoundingBox" },
        { "_geoBoundingBox = 12", "The `_geoBoundingBox` filter expects two pairs of arguments: `_geoBoundingBox([latitude, longitude], [latitude, longitude])`.\n1:21 _geoBoundingBox = 12" },
        { "_geoBoundingBox(1.0, 1.0)", "The `_geoBoundingBox` filter expects two pairs of arguments: `_geoBoundingBox([latitude, longitude], [latitude, longitude])`.\n1:26 _geoBoundingBox(1.0, 1.0)" },
        { "_geoPoint(12, 13, 14)", "`_geoPoint` " + ReservedGeo + "\n1:22 _geoPoint(12, 13, 14)" },
        { "position <= _geoPoint(12, 13, 14)", "`_geoPoint` " + ReservedGeo + "\n13:34 position <= _geoPoint(12, 13, 14)" },
        { "_geoDistance(12, 13, 14)", "`_geoDistance` " + ReservedGeo + "\n1:25 _geoDistance(12, 13, 14)" },
        { "position <= _geo(12, 13, 14)", "`_geo` " + ReservedGeo + "\n13:29 position <= _geo(12, 13, 14)" },
        { "position <= _geoRadius(12, 13, 14)", "The `_geoRadius` filter is an operation and can't be used as a value.\n13:35 position <= _geoRadius(12, 13, 14)" },
        { "channel = 'ponce", "Expression `\\'ponce` is missing the following closing delimiter: `'`.\n11:17 channel = 'ponce" },
        { "channel = \"ponce", "Expression `\\\"ponce` is missing the following closing delimiter: `\"`.\n11:17 channel = \"ponce" },
        { "channel = mv OR (followers >= 1000", "Expression `(followers >= 1000` is missing the following closing delimiter: `)`.\n17:35 channel = mv OR (followers >= 1000" },
        { "channel = mv OR followers >= 1000)", "Found unexpected characters at the end of the filter: `)`. You probably forgot an `OR` or an `AND` rule.\n34:35 channel = mv OR followers >= 1000)" },
        { "colour NOT EXIST", Ops + " at `colour NOT EXIST`.\n1:17 colour NOT EXIST" },
        { "subscribers 100 TO1000", Ops + " at `subscribers 100 TO1000`.\n1:23 subscribers 100 TO1000" },
        { "channel = ponce ORdog != 'bernese mountain'", "Found unexpected characters at the end of the filter: `ORdog != \\'bernese mountain\\'`. You probably forgot an `OR` or an `AND` rule.\n17:44 channel = ponce ORdog != 'bernese mountain'" },
        { "colour IN blue, green]", "Expected `[` after `IN` keyword.\n11:23 colour IN blue, green]" },
        { "colour IN [blue, green, 'blue' > 2]", "Expected only comma-separated field names inside `IN[..]` but instead found `> 2]`.\n32:36 colour IN [blue, green, 'blue' > 2]" },
        { "colour IN [blue, green, AND]", "Expected only comma-separated field names inside `IN[..]` but instead found `AND]`.\n25:29 colour IN [blue, green, AND]" },
        { "colour IN [blue, green", "Expected matching `]` after the list of field names given to `IN[`\n23:23 colour IN [blue, green" },
        { "colour IN ['blue, green", "Expression `\\'blue, green` is missing the following closing delimiter: `'`.\n12:24 colour IN ['blue, green" },
        { "x = EXISTS", "Was expecting a value but instead got `EXISTS`, which is a reserved keyword. To use `EXISTS` as a field name or a value, surround it by quotes.\n5:11 x = EXISTS" },
        { "AND = 8", "Was expecting a value but instead got `AND`, which is a reserved keyword. To use `AND` as a field name or a value, surround it by quotes.\n1:4 AND = 8" },
        { "NOT OR EXISTS AND EXISTS NOT EXISTS", "Was expecting a value but instead got `OR`, which is a reserved keyword. To use `OR` as a field name or a value, surround it by quotes.\n5:7 NOT OR EXISTS AND EXISTS NOT EXISTS" },
        { "value NULL", Ops + " at `value NULL`.\n1:11 value NULL" },
        { "value NOT NULL", Ops + " at `value NOT NULL`.\n1:15 value NOT NULL" },
        { "value EMPTY", Ops + " at `value EMPTY`.\n1:12 value EMPTY" },
        { "value IS", Ops + " at `value IS`.\n1:9 value IS" },
        { "value IS NOT", Ops + " at `value IS NOT`.\n1:13 value IS NOT" },
        { "value IS EXISTS", Ops + " at `value IS EXISTS`.\n1:16 value IS EXISTS" },
        { "value STARTS hel", Ops + " at `value STARTS hel`.\n1:17 value STARTS hel" },
        { "a = 1 AND b = 2 AND", Ops + " but instead got nothing.\n20:20 a = 1 AND b = 2 AND" },
        { "_geoRadius(100, 13, 14)", "Bad latitude `100`. Latitude must be contained between -90 and 90 degrees.\n12:15 _geoRadius(100, 13, 14)" },
        { "_geoRadius(10, 181, 14)", "Bad longitude `181`. Longitude must be contained between -180 and 180 degrees.\n16:19 _geoRadius(10, 181, 14)" },
        { "_geoBoundingBox([1, 2], [3, 4])", "The top latitude `1` is below the bottom latitude `3`.\n18:19 _geoBoundingBox([1, 2], [3, 4])" },
        { "title = 'a\\qb'", "Malformed value: `a\\\\qb`.\n10:14 title = 'a\\qb'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_InvalidFilter_ThrowsMeilisearchMessage(string filter, string message) => Assert.Equal(message, Fail(filter));

    [Fact]
    public void Parse_TooDeepParentheses_ThrowsDepthLimit()
    {
        var filter = new string('(', 50) + "x = 1" + new string(')', 50);
        Assert.Equal(
            "The filter exceeded the maximum depth limit. Try rewriting the filter so that it contains fewer nested conditions.\n51:106 " + filter,
            Fail(filter));
    }

    [Fact]
    public void Parse_TooManyNots_ThrowsDepthLimit()
    {
        var filter = string.Concat(Enumerable.Repeat("NOT ", 199)) + "x = 1";
        Assert.StartsWith("The filter exceeded the maximum depth limit.", Fail(filter));
    }

    [Fact]
    public void Parse_CustomErrorCode_IsUsed()
    {
        var error = Assert.Throws<MeiliException>(() => FilterParser.Parse("a =", ErrorCode.InvalidDocumentFilter));
        Assert.Same(ErrorCode.InvalidDocumentFilter, error.Code);
    }
}
