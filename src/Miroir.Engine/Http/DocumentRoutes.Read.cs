using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Engine.Node;

using Miroir.Meili.Validation;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary>The read side of the document routes: one document, a page, a fetch with ids.</summary>
internal sealed partial class DocumentRoutes
{
    private Task GetOneAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        QueryParameterSet.Document.Check(ctx.Request.Query);
        var index = node.Indexes.Get(uid);
        var id = ctx.Route("id");
        var fields = QueryParams.List(ctx, "fields");
        var retrieveVectors = RetrieveVectors(ctx);
        if (!index.Backend.TryGetDocument(id, retrieveVectors, out var doc))
        {
            throw new MeiliException(ErrorCode.DocumentNotFound, $"Document `{id}` not found.");
        }
        return JsonResponse.WriteAsync(ctx, 200, (doc, fields, retrieveVectors),
            static (w, s) => DocumentWriter.Write(w, s.doc.Span, s.fields, s.retrieveVectors));
    }

    private Task ListAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        QueryParameterSet.Documents.Check(ctx.Request.Query);
        var index = node.Indexes.Get(uid);
        var offset = QueryParams.Int(ctx, "offset", 0, ErrorCode.InvalidDocumentOffset);
        var limit = QueryParams.Int(ctx, "limit", 20, ErrorCode.InvalidDocumentLimit);
        var fields = QueryParams.List(ctx, "fields");
        var retrieveVectors = RetrieveVectors(ctx);
        JsonElement? filter = null;
        if (QueryParams.String(ctx, "filter") is { } text)
        {
            filter = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(text, NodeJsonContext.Default.String)).RootElement;
        }
        var ids = QueryParams.List(ctx, "ids");
        return WritePageAsync(ctx, index, offset, limit, fields, filter, ids, retrieveVectors);
    }

    private async Task FetchAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        using var body = await RequestBody.ReadJsonAsync(ctx, optional: true).ConfigureAwait(false);
        var index = node.Indexes.Get(uid);
        var root = body?.RootElement ?? default;
        int offset = 0, limit = 20;
        var retrieveVectors = false;
        IReadOnlyList<string>? fields = null, ids = null;
        JsonElement? filter = null;
        if (body is not null)
        {
            BodyFields.RequireObject(root);
            BodyFields.RejectUnknown(root, "offset", "limit", "fields", "filter", "ids", "retrieveVectors");
            offset = BodyFields.OptionalInt(root, "offset", ErrorCode.InvalidDocumentOffset) ?? 0;
            limit = BodyFields.OptionalInt(root, "limit", ErrorCode.InvalidDocumentLimit) ?? 20;
            fields = StringList(root, "fields", ErrorCode.InvalidDocumentFields);
            ids = IdList(root);
            if (root.TryGetProperty("retrieveVectors", out var r))
            {
                retrieveVectors = JsonValues.Bool(r, ErrorCode.InvalidDocumentRetrieveVectors, ".retrieveVectors");
            }
            if (root.TryGetProperty("filter", out var f) && f.ValueKind != JsonValueKind.Null)
            {
                filter = f;
            }
        }
        await WritePageAsync(ctx, index, offset, limit, fields, filter, ids, retrieveVectors).ConfigureAwait(false);
    }

    private static Task WritePageAsync(HttpContext ctx, IndexHandle index, int offset, int limit,
        IReadOnlyList<string>? fields, JsonElement? filter, IReadOnlyList<string>? ids, bool retrieveVectors)
    {
        if (filter is { } f)
        {
            index.Backend.ValidateFilter(f, forDocuments: true);
        }
        var (docs, total) = index.Backend.GetDocuments(offset, limit, filter, ids, retrieveVectors);
        return JsonResponse.WriteAsync(ctx, 200, (docs, total, offset, limit, fields, retrieveVectors), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var doc in s.docs)
            {
                DocumentWriter.Write(w, doc.Span, s.fields, s.retrieveVectors);
            }
            w.WriteEndArray();
            w.WriteNumber("offset", s.offset);
            w.WriteNumber("limit", s.limit);
            w.WriteNumber("total", s.total);
            w.WriteEndObject();
        });
    }

    /// <summary>The <c>retrieveVectors</c> query parameter: only <c>true</c> or <c>false</c>, as Meilisearch parses it.</summary>
    private static bool RetrieveVectors(HttpContext ctx) =>
        QueryParams.Bool(ctx, "retrieveVectors", false, ErrorCode.InvalidDocumentRetrieveVectors);

    private static string[]? StringList(JsonElement root, string name, ErrorCode error)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new MeiliException(error, $"Invalid value type at `.{name}`: expected an array, but found {BodyFields.Describe(v)}");
        }
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static string[]? IdList(JsonElement root)
    {
        if (!root.TryGetProperty("ids", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new MeiliException(ErrorCode.InvalidDocumentIds, $"Invalid value type at `.ids`: expected an array, but found {BodyFields.Describe(v)}");
        }
        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];
    }
}
