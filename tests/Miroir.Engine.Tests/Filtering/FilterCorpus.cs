using System.Text.Json;
using Miroir.Engine.Filtering;
using Miroir.Engine.Indexing;
using Miroir.Meili.Filters;

namespace Miroir.Engine.Tests.Filtering;

/// <summary>A tiny in-memory corpus indexed into a <see cref="FieldValueIndex"/>, for evaluator and facet tests.</summary>
internal sealed class FilterCorpus
{
    public static readonly string[] Documents =
    [
        """{"id": 0, "title": "Carol", "genres": ["Romance", "Drama"], "price": 10, "color": "Red", "rating": 4.5, "available": true, "doggos": [{"name": "bobby", "age": 2}], "tag": null}""",
        """{"id": 1, "title": "Wonder Woman", "genres": ["Action", "Adventure"], "price": 25.5, "color": "red", "rating": 3, "available": false, "doggos": [{"name": "buddy", "age": 4}, {"name": "max", "age": 6}], "tag": []}""",
        """{"id": 2, "title": "Life of Pi", "genres": ["Adventure", "Drama"], "price": 7, "color": "Bleu", "rating": 4, "available": true, "tag": ""}""",
        """{"id": 3, "title": "Mad Max", "genres": ["Adventure", "Science Fiction"], "price": "cheap", "color": "Blue", "rating": 4.1, "tag": {}}""",
        """{"id": 4, "title": "Moana", "genres": ["Fantasy", "Action"], "price": 12, "color": "Bleü", "available": true, "tag": ["x", null]}""",
        """{"id": 5, "title": "Philadelphia", "genres": ["Drama"], "price": 40, "color": ["green", "Red"], "rating": 2.5, "doggos": {"name": "rex", "age": 9}, "tag": "solo"}""",
        """{"id": 6, "title": "Élan", "genres": [], "price": 0, "rating": -1, "_geo": {"lat": 45.5, "lng": 9.2}}""",
        """{"id": 7, "title": "zed", "price": 100, "color": "RED ", "_geo": {"lat": "48.85", "lng": "2.35"}}""",
    ];

    public static readonly string[] Filterable = ["title", "genres", "price", "color", "rating", "available", "doggos", "tag", "_geo"];

    public FilterCorpus(string[]? filterable = null, string[]? sortable = null)
    {
        Index = new FieldValueIndex(filterable ?? Filterable, sortable ?? ["title", "price"]);
        for (var i = 0; i < Documents.Length; i++)
        {
            using var doc = JsonDocument.Parse(Documents[i]);
            Index.Add(i, doc.RootElement);
            All.Add(i);
        }
    }

    public FieldValueIndex Index { get; }

    public DocSet All { get; } = new();

    public int[] Eval(string filter, DocSet? universe = null) =>
        ToArray(FilterEvaluator.Evaluate(FilterParser.Parse(filter)!, Index, universe ?? All));

    public static int[] ToArray(DocSet set)
    {
        var list = new List<int>();
        foreach (var id in set)
        {
            list.Add(id);
        }
        return [.. list];
    }
}
