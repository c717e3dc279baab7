using Miroir.Meili.Errors;
using Miroir.Meili.Filters;

namespace Miroir.Meili.Tests.Filters;

public sealed class FilterValidatorUnitTests
{
    private static MeiliException Fail(string filter, string[] filterable, ErrorCode? code = null) =>
        Assert.Throws<MeiliException>(() => FilterValidator.Validate(FilterParser.Parse(filter)!, filterable, code));

    [Theory]
    [InlineData("title = x", new[] { "title" })]
    [InlineData("doggos.age > 2 AND NOT title EXISTS", new[] { "doggos", "title" })]
    [InlineData("doggos.age.months > 2", new[] { "doggos.age" })]
    [InlineData("_geoRadius(1, 2, 3) OR _geoBoundingBox([2, 2], [1, 1])", new[] { "_geo" })]
    public void Validate_FilterableAttributes_Passes(string filter, string[] filterable) =>
        FilterValidator.Validate(FilterParser.Parse(filter)!, filterable);

    [Fact]
    public void Validate_NotFilterable_ListsSortedAttributes()
    {
        var error = Fail("title = Glass OR many = Glass", ["title", "genres"]);
        Assert.Same(ErrorCode.InvalidSearchFilter, error.Code);
        Assert.Equal("Attribute `many` is not filterable. Available filterable attributes are: `genres, title`.\n18:22 title = Glass OR many = Glass", error.Message);
    }

    [Fact]
    public void Validate_NoFilterableAttributes_SaysSo()
    {
        var error = Fail("doggo = bernese", [], ErrorCode.InvalidDocumentFilter);
        Assert.Same(ErrorCode.InvalidDocumentFilter, error.Code);
        Assert.Equal("Attribute `doggo` is not filterable. This index does not have configured filterable attributes.\n1:6 doggo = bernese", error.Message);
    }

    [Theory]
    [InlineData("doggos = 1", new[] { "doggos.age" }, "doggos")]
    [InlineData("doggosage = 1", new[] { "doggos" }, "doggosage")]
    [InlineData("'dog race' = 1", new[] { "dog" }, "dog race")]
    public void Validate_ParentOrSiblingNames_AreNotFilterable(string filter, string[] filterable, string field) =>
        Assert.StartsWith($"Attribute `{field}` is not filterable.", Fail(filter, filterable).Message);

    [Fact]
    public void Validate_GeoWithoutGeoFilterable_PointsAtLatitude()
    {
        var error = Fail("_geoRadius(-10, 150, 10)", ["title"]);
        Assert.Equal("Attribute `_geo` is not filterable. Available filterable attributes are: `title`.\n12:15 _geoRadius(-10, 150, 10)", error.Message);
    }
}
