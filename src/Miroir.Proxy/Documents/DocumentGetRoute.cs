using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Errors;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Server;
using Miroir.Proxy.Settings;

namespace Miroir.Proxy.Documents;

/// <summary>
/// <c>GET /indexes/{uid}/documents/{id}</c>: asked of one owner of the id's shard (the others in turn if it
/// cannot answer), with reserved fields stripped. A stop-gap until the read side owns this route.
/// </summary>
internal sealed class DocumentGetRoute(ProxyContext context)
{
    public void Map(IEndpointRouteBuilder app) => app.Get("/indexes/{uid}/documents/{id}", GetAsync);

    private async Task GetAsync(HttpContext ctx)
    {
        var uid = ctx.Route("uid");
        var id = ctx.Route("id");
        var shards = context.Cluster.FindIndex(uid)?.Shards ?? context.Cluster.DefaultShards;
        var map = context.Cluster.ShardMap(shards);
        var shard = map.Router.GetShard(id);
        var path = "indexes/" + Uri.EscapeDataString(uid) + "/documents/" + Uri.EscapeDataString(id) + ctx.Request.QueryString.Value;
        NodeResponse? last = null;
        foreach (var ordinal in map.GetWriteTargets(shard).ToArray())
        {
            last = await context.Cluster.Nodes[ordinal].GetAsync(path, ctx.RequestAborted).ConfigureAwait(false);
            if (last.Reached && last.Status < 500)
            {
                break;
            }
        }

        if (last is not { Reached: true })
        {
            throw MiroirErrors.ShardUnavailable($"shard {shard} has no reachable replica.");
        }

        if (!last.IsSuccess)
        {
            await JsonOut.RawAsync(ctx, last.Status, last.Body).ConfigureAwait(false);
            return;
        }

        using var document = last.Json();
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ProxyException(ErrorCode.Internal, "A node answered a document that is not an object.");
        }

        await JsonOut.WriteAsync(ctx, 200, document.RootElement, static (w, doc) =>
        {
            w.WriteStartObject();
            foreach (var p in doc.EnumerateObject())
            {
                if (!ReservedSettings.IsReserved(p.Name))
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
