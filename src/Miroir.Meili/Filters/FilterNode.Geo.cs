using System.Globalization;
using System.Text;

namespace Miroir.Meili.Filters;

/// <summary><c>_geoRadius(lat, lng, meters)</c>: documents whose <c>_geo</c> is within the radius.</summary>
public sealed record GeoRadiusNode(FilterToken Anchor, double Lat, double Lng, double Meters) : FilterNode
{
    internal override void Render(StringBuilder sb) => sb.Append(CultureInfo.InvariantCulture,
        $"_geoRadius({{{Lat}}}, {{{Lng}}}, {{{Meters}}})");

    internal override void CollectFields(List<FilterToken> fields) =>
        fields.Add(Anchor with { Value = "_geo" });
}

/// <summary>
/// <c>_geoBoundingBox([topLat, rightLng], [bottomLat, leftLng])</c>: Meilisearch takes the top-right
/// corner first and the bottom-left corner second; a box whose left is east of its right crosses
/// the antimeridian.
/// </summary>
public sealed record GeoBoundingBoxNode(
    FilterToken Anchor, double TopLat, double RightLng, double BottomLat, double LeftLng) : FilterNode
{
    internal override void Render(StringBuilder sb) => sb.Append(CultureInfo.InvariantCulture,
        $"_geoBoundingBox([{{{TopLat}}}, {{{RightLng}}}], [{{{BottomLat}}}, {{{LeftLng}}}])");

    internal override void CollectFields(List<FilterToken> fields) =>
        fields.Add(Anchor with { Value = "_geo" });
}
