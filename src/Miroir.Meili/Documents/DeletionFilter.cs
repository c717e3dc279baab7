using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Meili.Http;
using Miroir.Meili.Filters;

namespace Miroir.Meili.Documents;

/// <summary>
/// The body of <c>POST /indexes/{uid}/documents/delete</c>, checked before anything is enqueued, as Meilisearch
/// checks it: a filter that parses to nothing (<c>""</c>, blanks, <c>[]</c>, <c>[[]]</c>, <c>[""]</c>) is refused,
/// because deleting "every document matching no condition" would empty the index.
/// </summary>
public static class DeletionFilter
{
    /// <summary>Returns the <c>filter</c> member of <paramref name="body"/>, or throws Meilisearch's 400.</summary>
    public static JsonElement Validate(JsonElement body)
    {
        BodyFields.RequireObject(body);
        BodyFields.RejectUnknown(body, "filter");
        if (!body.TryGetProperty("filter", out var filter))
        {
            throw new MeiliException(ErrorCode.MissingDocumentFilter, "Missing field `filter`");
        }

        // Null is a present value of the wrong type, not a missing field (deserr reads it as Value::Null).
        if (filter.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            throw new MeiliException(ErrorCode.InvalidDocumentFilter,
                $"Invalid syntax for the filter parameter: `expected String, Array, found: {filter.GetRawText()}`.");
        }

        return FilterParser.Parse(filter, ErrorCode.InvalidDocumentFilter) is null
            ? throw new MeiliException(ErrorCode.InvalidDocumentFilter, "Sending an empty filter is forbidden.")
            : filter;
    }
}
