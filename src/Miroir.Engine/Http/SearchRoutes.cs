using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Node;
using Miroir.Engine.Search;

namespace Miroir.Engine.Http;

/// <summary><c>/indexes/{uid}/search</c> (GET and POST), <c>/facet-search</c> and <c>/multi-search</c>.</summary>
internal sealed class SearchRoutes(NodeContext node, NodeAuth auth)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes/{uid}/search", GetAsync);
        app.Post("/indexes/{uid}/search", PostAsync);
        app.Post("/indexes/{uid}/facet-search", FacetSearchAsync);
        app.Post("/multi-search", MultiSearchAsync);
    }

    private Task GetAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var access = auth.Authorize(ctx, "search", uid);
        var request = SearchRequestParser.ParseQuery(ctx.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())));
        return SearchAsync(ctx, uid, access.Restrict(uid, request));
    }

    private async Task PostAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var access = auth.Authorize(ctx, "search", uid);
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        var request = SearchRequestParser.ParseBody(body);
        await SearchAsync(ctx, uid, access.Restrict(uid, request)).ConfigureAwait(false);
    }

    private Task SearchAsync(HttpContext ctx, string uid, SearchRequest request)
    {
        var index = node.Indexes.Get(uid);
        return JsonResponse.WriteAsync(ctx, 200, (index, request), static (w, s) => s.index.Backend.Search(s.request, w));
    }

    private async Task FacetSearchAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var access = auth.Authorize(ctx, "search", uid);
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        var request = SearchRequestParser.ParseFacetSearch(body);
        request = new FacetSearchRequest
        {
            FacetName = request.FacetName,
            FacetQuery = request.FacetQuery,
            ExhaustiveFacetCount = request.ExhaustiveFacetCount,
            Search = access.Restrict(uid, request.Search),
        };
        var index = node.Indexes.Get(uid);
        await JsonResponse.WriteAsync(ctx, 200, (index, request), static (w, s) => s.index.Backend.FacetSearch(s.request, w)).ConfigureAwait(false);
    }

    /// <summary>Plain multi-search: one result per query, in input order, each with its <c>indexUid</c>.</summary>
    private async Task MultiSearchAsync(HttpContext ctx)
    {
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        var request = SearchRequestParser.ParseMultiSearch(body);
        var targets = new List<(IndexHandle Index, SearchRequest Search)>();
        foreach (var query in request.Queries)
        {
            var access = auth.Authorize(ctx, "search", query.IndexUid);
            targets.Add((node.Indexes.Get(query.IndexUid), access.Restrict(query.IndexUid, query.Search)));
        }
        if (request.IsFederated)
        {
            throw new Errors.MeiliException(Errors.ErrorCode.InvalidMultiSearchFederated, "Federated multi-search is not available on this node yet.");
        }
        await JsonResponse.WriteAsync(ctx, 200, targets, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var (index, search) in s)
            {
                // Each engine writes a complete object; the index uid is prepended by a raw splice.
                w.WriteStartObject();
                w.WriteString("indexUid", index.Uid);
                var inner = new System.Buffers.ArrayBufferWriter<byte>();
                using (var iw = new System.Text.Json.Utf8JsonWriter(inner))
                {
                    index.Backend.Search(search, iw);
                }
                var span = inner.WrittenSpan;
                // Copy the members of the inner object (strip its braces).
                if (span.Length > 2)
                {
                    w.Flush();
                    WriteMembers(w, span);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void WriteMembers(System.Text.Json.Utf8JsonWriter w, ReadOnlySpan<byte> obj)
    {
        var reader = new System.Text.Json.Utf8JsonReader(obj);
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            w.WritePropertyName(name);
            w.WriteRawValue(obj[start..(int)reader.BytesConsumed], skipInputValidation: true);
        }
    }
}
