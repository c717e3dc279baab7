using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Auth;
using Miroir.Engine.Node;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary><c>/keys</c> and <c>/keys/{key_or_uid}</c>: synchronous, persisted before the answer.</summary>
internal sealed class KeyRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/keys", ListAsync);
        app.Post("/keys", CreateAsync);
        app.Get("/keys/{key}", GetAsync);
        app.Patch("/keys/{key}", UpdateAsync);
        app.Delete("/keys/{key}", DeleteAsync);
    }

    private Task ListAsync(HttpContext ctx)
    {
        var (offset, limit) = KeyStore.ParseListQuery(ctx.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())));
        return JsonResponse.WriteAsync(ctx, 200, (offset, limit), (w, p) => node.Keys.WriteList(w, p.offset, p.limit));
    }

    private Task GetAsync(HttpContext ctx)
    {
        var key = node.Keys.Get(ctx.Route("key"));
        return JsonResponse.WriteAsync(ctx, 200, key, node.Keys.WriteKey);
    }

    private async Task CreateAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var mutation = node.Keys.CreateMutation(body!.RootElement);
        await node.ApplyKeyAsync(mutation).ConfigureAwait(false);
        await JsonResponse.WriteAsync(ctx, StatusCodes.Status201Created, mutation.Key, node.Keys.WriteKey).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        var mutation = node.Keys.UpdateMutation(ctx.Route("key"), body!.RootElement);
        await node.ApplyKeyAsync(mutation).ConfigureAwait(false);
        await JsonResponse.WriteAsync(ctx, 200, mutation.Key, node.Keys.WriteKey).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext ctx)
    {
        await node.ApplyKeyAsync(node.Keys.DeleteMutation(ctx.Route("key"))).ConfigureAwait(false);
        ctx.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
