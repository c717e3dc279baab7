using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Miroir.Proxy.Tests.Parity;

/// <summary>
/// Generated corpora and queries for the parity tests. Ids ascend in insertion order, so one node's tie order
/// (insertion) and the cluster's (primary key) agree and answers compare exactly.
/// </summary>
internal static class ParityCorpus
{
    public const string Settings = """
        {"filterableAttributes":["genre","year","tags","price"],"sortableAttributes":["year","price","title"],
         "faceting":{"sortFacetValuesBy":{"tags":"count"}}}
        """;

    private static readonly string[] Words =
    [
        "dumbo", "coco", "bambi", "space", "war", "love", "night", "star", "river", "lion", "king", "queen", "dark",
        "light", "ocean", "storm", "garden", "winter", "summer", "ghost", "robot", "dragon", "city", "music", "dance",
    ];

    // Distinct once normalised; mixed case so the merge must order by the normalised form (`action` before `Sci Fi`).
    private static readonly string[] Genres = ["Sci Fi", "action", "Drama", "comedy", "Éclair", "horror", "Western"];

    private static readonly string[] Tags = ["a", "b", "c", "d", "e"];

    private static readonly Gen<string> Word = Gen.Int[0, Words.Length - 1].Select(i => Words[i]);

    private static readonly Gen<string> Title = Gen.Select(Word.Array[1, 4], Gen.Int[0, 3])
        .Select((words, capital) => string.Join(' ', capital == 0 ? words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]) : words));

    private static readonly Gen<Doc> OneDoc = Gen.Select(Title, Gen.Int[0, Genres.Length - 1].Array[1, 2], Gen.Int[1950, 2020],
        Gen.Int[0, 999], Gen.Int[0, Tags.Length - 1].Array[0, 3], Gen.Int[0, 2])
        .Select((title, genres, year, price, tags, note) => new Doc(title, [.. genres.Distinct().Select(g => Genres[g])], year, price / 10.0,
            [.. tags.Distinct().Select(t => Tags[t])], note == 0 ? null : "note " + title));

    /// <summary>20 to 80 documents, as the JSON array a client would send.</summary>
    public static readonly Gen<string> Documents = OneDoc.Array[20, 80].Select(ToJson);

    private static readonly Gen<string> Query = Gen.OneOf(
        Gen.Const(""),
        Word,
        Gen.Select(Word, Word).Select((a, b) => a + " " + b),
        Word.Select(w => w[..Math.Max(2, w.Length - 2)]), // a prefix
        Word.Select(w => w.Length > 4 ? w[..2] + w[3..] : w), // a typo
        Gen.Select(Word, Word).Select((a, b) => a + " \"" + b + "\"")); // a phrase

    private static readonly Gen<string> Filter = Gen.OneOf(
        Gen.Const(""),
        Gen.Int[1950, 2020].Select(y => $"\"year > {y}\""),
        Gen.Int[0, Genres.Length - 1].Select(g => $"\"genre = '{Genres[g]}'\""),
        Gen.Select(Gen.Int[0, Tags.Length - 1], Gen.Int[1960, 2010]).Select((t, y) => $"[\"tags = {Tags[t]}\", \"year < {y}\"]"));

    private static readonly Gen<string> Sort = Gen.OneOf(
        Gen.Const(""), Gen.Const("""["year:asc"]"""), Gen.Const("""["price:desc","title:asc"]"""));

    private static readonly Gen<string> Facets = Gen.OneOf(
        Gen.Const(""), Gen.Const("""["genre","tags"]"""), Gen.Const("""["year","price"]"""), Gen.Const("""["*"]"""));

    private static readonly Gen<string> Paging = Gen.OneOf(
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 25]).Select((o, l) => $"\"offset\":{o},\"limit\":{l}"),
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 15]).Select((p, h) => $"\"page\":{p},\"hitsPerPage\":{h}"));

    private static readonly Gen<string> Presentation = Gen.OneOf(
        Gen.Const(""),
        Gen.Const("\"attributesToRetrieve\":[\"id\",\"title\",\"year\"],"),
        Gen.Const("\"attributesToHighlight\":[\"title\"],\"showMatchesPosition\":true,"),
        Gen.Const("\"attributesToCrop\":[\"title\"],\"cropLength\":2,\"highlightPreTag\":\"[\",\"highlightPostTag\":\"]\","),
        Gen.Const("\"showRankingScore\":true,"),
        Gen.Const("\"showRankingScoreDetails\":true,\"showRankingScore\":true,"));

    private static readonly Gen<string> Strategy = Gen.OneOf(Gen.Const(""), Gen.Const("\"matchingStrategy\":\"all\","), Gen.Const("\"matchingStrategy\":\"last\","));

    /// <summary>A search body with most of the parameters the API has.</summary>
    public static readonly Gen<string> Search = Gen.Select(Query, Filter, Sort, Facets, Paging, Presentation, Strategy)
        .Select((q, filter, sort, facets, paging, presentation, strategy) => "{" + presentation + strategy
            + $"\"q\":{JsonSerializer.Serialize(q)},"
            + (filter.Length == 0 ? "" : $"\"filter\":{filter},")
            + (sort.Length == 0 ? "" : $"\"sort\":{sort},")
            + (facets.Length == 0 ? "" : $"\"facets\":{facets},")
            + paging + "}");

    /// <summary>A facet-search body.</summary>
    public static readonly Gen<string> FacetSearch = Gen.Select(Gen.OneOf(Gen.Const("genre"), Gen.Const("tags")),
        Gen.OneOf(Gen.Const(""), Gen.Const("a"), Gen.Const("co"), Gen.Const("sc"), Gen.Const("ecl"), Gen.Const("dram")), Query, Filter)
        .Select((facet, prefix, q, filter) => $"{{\"facetName\":\"{facet}\",\"facetQuery\":\"{prefix}\",\"q\":{JsonSerializer.Serialize(q)}"
            + (filter.Length == 0 ? "" : $",\"filter\":{filter}") + "}");

    /// <summary>A search as a federated member (no paging of its own; scores shown so ties are visible).</summary>
    public static readonly Gen<string> Member = Gen.Select(Query, Filter, Gen.OneOf(Gen.Const("1"), Gen.Const("0.5")))
        .Select((q, filter, weight) => $"{{\"q\":{JsonSerializer.Serialize(q)},\"federationOptions\":{{\"weight\":{weight}}}"
            + (filter.Length == 0 ? "" : $",\"filter\":{filter}") + "}");

    private static string ToJson(Doc[] docs)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < docs.Length; i++)
        {
            var d = docs[i];
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"id\":\"d{i:D4}\",\"title\":{JsonSerializer.Serialize(d.Title)},")
                .Append(CultureInfo.InvariantCulture, $"\"genre\":{JsonSerializer.Serialize(d.Genres)},\"year\":{d.Year},\"price\":{d.Price},")
                .Append(CultureInfo.InvariantCulture, $"\"tags\":{JsonSerializer.Serialize(d.Tags)}");
            if (d.Note is not null)
            {
                text.Append(",\"note\":").Append(JsonSerializer.Serialize(d.Note));
            }

            text.Append('}');
        }

        return text.Append(']').ToString();
    }

    private sealed record Doc(string Title, string[] Genres, int Year, double Price, string[] Tags, string? Note);
}
