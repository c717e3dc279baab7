using System.Text.Json;
using Miroir.Engine.Ranking;

namespace Miroir.Engine.Search;

/// <summary>
/// Writes <c>_rankingScoreDetails</c> in Meilisearch's shape: one object per rule with its
/// <c>order</c>; <c>attribute</c> merges fid and position, <c>exactness</c> merges exact
/// attribute and exact words; sort criteria are keyed <c>field:asc</c> with their value.
/// </summary>
public static class ScoreDetailsWriter
{
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<ScoreDetail> details)
    {
        writer.WriteStartObject();
        var order = 0;
        for (var i = 0; i < details.Length; i++)
        {
            var d = details[i];
            var next = i + 1 < details.Length ? details[i + 1] : (ScoreDetail?)null;
            switch (d.Kind)
            {
                case ScoreDetailKind.Words:
                    writer.WriteStartObject("words");
                    writer.WriteNumber("order", order++);
                    writer.WriteNumber("matchingWords", d.Rank.Value);
                    writer.WriteNumber("maxMatchingWords", d.Rank.Max);
                    writer.WriteNumber("score", d.Rank.LocalScore);
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.Typo:
                    writer.WriteStartObject("typo");
                    writer.WriteNumber("order", order++);
                    writer.WriteNumber("typoCount", d.Rank.Max - d.Rank.Value);
                    writer.WriteNumber("maxTypoCount", d.Rank.Max - 1);
                    writer.WriteNumber("score", d.Rank.LocalScore);
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.Proximity:
                    writer.WriteStartObject("proximity");
                    writer.WriteNumber("order", order++);
                    writer.WriteNumber("score", d.Rank.LocalScore);
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.Fid:
                    writer.WriteStartObject("attribute");
                    writer.WriteNumber("order", order++);
                    writer.WriteNumber("attributeRankingOrderScore", d.Rank.LocalScore);
                    if (next is { Kind: ScoreDetailKind.Position } position)
                    {
                        writer.WriteNumber("queryWordDistanceScore", position.Rank.LocalScore);
                        writer.WriteNumber("score", Rank.GlobalScore([d.Rank, position.Rank]));
                        i++;
                    }
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.ExactAttribute:
                    WriteExactness(writer, d, next, ref i, order++);
                    break;
                case ScoreDetailKind.Sort:
                    writer.WriteStartObject(d.Field!);
                    writer.WriteNumber("order", order++);
                    writer.WritePropertyName("value");
                    WriteSortValue(writer, d);
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.GeoSort:
                    writer.WriteStartObject(d.Field!);
                    writer.WriteNumber("order", order++);
                    if (d.Lat is { } lat && d.Lng is { } lng)
                    {
                        writer.WriteStartObject("value");
                        writer.WriteNumber("lat", lat);
                        writer.WriteNumber("lng", lng);
                        writer.WriteEndObject();
                    }
                    else
                    {
                        writer.WriteNull("value");
                    }
                    if (d.Distance is { } distance)
                    {
                        writer.WriteNumber("distance", distance);
                    }
                    else
                    {
                        writer.WriteNull("distance");
                    }
                    writer.WriteEndObject();
                    break;
                case ScoreDetailKind.Vector:
                    writer.WriteStartObject("vectorSort");
                    writer.WriteNumber("order", order++);
                    if (d.Number is { } similarity)
                    {
                        writer.WriteNumber("similarity", similarity);
                    }
                    writer.WriteEndObject();
                    break;
                default:
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteExactness(Utf8JsonWriter writer, ScoreDetail d, ScoreDetail? next, ref int i, int order)
    {
        writer.WriteStartObject("exactness");
        writer.WriteNumber("order", order);
        var matchType = d.Rank.Value switch
        {
            3 => "exactMatch",
            2 => "matchesStart",
            _ => "noExactMatch",
        };
        writer.WriteString("matchType", matchType);
        if (next is { Kind: ScoreDetailKind.ExactWords } words)
        {
            i++;
            if (d.Rank.Value == 1)
            {
                writer.WriteNumber("matchingWords", words.Rank.Value - 1);
                writer.WriteNumber("maxMatchingWords", words.Rank.Max - 1);
                writer.WriteNumber("score", Rank.GlobalScore([d.Rank, words.Rank]));
                writer.WriteEndObject();
                return;
            }
        }
        writer.WriteNumber("score", d.Rank.LocalScore);
        writer.WriteEndObject();
    }

    private static void WriteSortValue(Utf8JsonWriter writer, ScoreDetail d)
    {
        if (d.Number is { } n)
        {
            writer.WriteNumberValue(n);
        }
        else if (d.Text is { } s)
        {
            writer.WriteStringValue(s);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
