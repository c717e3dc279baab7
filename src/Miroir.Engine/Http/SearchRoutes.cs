using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Node;
using Miroir.Engine.Search;
using Miroir.Engine.Search.Federation;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary><c>/indexes/{uid}/search</c> (GET and POST), <c>/facet-search</c> and <c>/multi-search</c>.</summary>
internal sealed class SearchRoutes(NodeContext node)
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
        var access = NodeAuth.Of(ctx);
        var request = SearchRequestParser.ParseQuery(ctx.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())));
        return SearchAsync(ctx, uid, access.Restrict(uid, request));
    }

    private async Task PostAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var access = NodeAuth.Of(ctx);
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        var request = SearchRequestParser.ParseBody(body);
        await SearchAsync(ctx, uid, access.Restrict(uid, request)).ConfigureAwait(false);
    }

    private Task SearchAsync(HttpContext ctx, string uid, SearchRequest request)
    {
        var index = node.Indexes.Get(uid);
        if (ctx.Request.Headers.ContainsKey(PrimaryKeyTieBreak.Header))
        {
            request = request with { TieBreakByPrimaryKey = true };
        }

        return JsonResponse.WriteAsync(ctx, 200, (index, request), static (w, s) => s.index.Backend.Search(s.request, w));
    }

    private async Task FacetSearchAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var access = NodeAuth.Of(ctx);
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

    private static SearchRequest Restricted(AuthResult access, MultiSearchQuery query)
    {
        access.Require(query.IndexUid);
        return access.Restrict(query.IndexUid, query.Search);
    }

    /// <summary>Multi-search, plain or federated, through the shared <see cref="MultiSearch"/>.</summary>
    private async Task MultiSearchAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var request = SearchRequestParser.ParseMultiSearch(body!.RootElement);
        // Each query is checked on its index and gets that index's tenant-token filter.
        request = new MultiSearchRequest
        {
            Federation = request.Federation,
            Queries = [.. request.Queries.Select(q => new MultiSearchQuery
            {
                IndexUid = q.IndexUid,
                Weight = q.Weight,
                Position = q.Position,
                Search = Restricted(access, q),
            })],
        };
        await JsonResponse.WriteAsync(ctx, 200, request, (w, r) =>
            MultiSearch.Execute(r, uid => node.Indexes.TryGet(uid, out var index) ? MultiSearchTarget.For(index) : null, w)).ConfigureAwait(false);
    }
}
