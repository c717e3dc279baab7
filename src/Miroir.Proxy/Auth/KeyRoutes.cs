using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Meili.Auth;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.Auth;

/// <summary>
/// <c>/keys</c> and <c>/keys/{key_or_uid}</c> in Meilisearch's shapes, validated by the engine's <see cref="KeyStore"/>.
/// Create and update need a majority of nodes to take the key (else 503 <c>miroir_no_quorum</c>, nothing recorded,
/// nodes that took it repaired back); the orchestrator then records it durably before answering. A delete is
/// recorded first and always succeeds: revoking must never wait on a node. Nodes that missed a change are repaired
/// in the background by <see cref="KeyReplicator"/>.
/// </summary>
internal sealed class KeyRoutes(KeyCatalog catalog, KeyReplicator replicator)
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
        return JsonOut.WriteAsync(ctx, 200, (offset, limit), (w, p) => catalog.Keys.WriteList(w, p.offset, p.limit));
    }

    private Task GetAsync(HttpContext ctx) => JsonOut.WriteAsync(ctx, 200, catalog.Keys.Get(ctx.Route("key")), catalog.Keys.WriteKey);

    private async Task CreateAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        await replicator.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var mutation = catalog.Keys.CreateMutation(body!.RootElement);
            await ReplicateAsync(ctx.ClusterView().Nodes, HttpMethod.Post, "keys", KeyReplicator.CreateBody(mutation.Key)).ConfigureAwait(false);
            await catalog.SaveAsync(mutation).ConfigureAwait(false);
            await JsonOut.WriteAsync(ctx, StatusCodes.Status201Created, mutation.Key, catalog.Keys.WriteKey).ConfigureAwait(false);
        }
        finally
        {
            replicator.Gate.Release();
        }
    }

    private async Task UpdateAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        await replicator.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var mutation = catalog.Keys.UpdateMutation(ctx.Route("key"), body!.RootElement);
            await ReplicateAsync(ctx.ClusterView().Nodes, HttpMethod.Patch, KeyReplicator.KeyPath(mutation.Key.Uid), KeyReplicator.UpdateBody(mutation.Key)).ConfigureAwait(false);
            await catalog.SaveAsync(mutation).ConfigureAwait(false);
            await JsonOut.WriteAsync(ctx, 200, mutation.Key, catalog.Keys.WriteKey).ConfigureAwait(false);
        }
        finally
        {
            replicator.Gate.Release();
        }
    }

    private async Task DeleteAsync(HttpContext ctx)
    {
        await replicator.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var mutation = catalog.Keys.DeleteMutation(ctx.Route("key"));
            await catalog.SaveAsync(mutation).ConfigureAwait(false);
            if (replicator.Enabled)
            {
                await replicator.SendAsync(ctx.ClusterView().Nodes, HttpMethod.Delete, KeyReplicator.KeyPath(mutation.Key.Uid), null).ConfigureAwait(false);
            }

            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        finally
        {
            replicator.Gate.Release();
        }
    }

    /// <summary>Sends a create or update to every node; without a majority, the nodes that took it are marked for repair and the client gets 503.</summary>
    private async Task ReplicateAsync(IReadOnlyList<NodeClient> nodes, HttpMethod method, string path, byte[] body)
    {
        if (!replicator.Enabled)
        {
            return;
        }

        var applied = await replicator.SendAsync(nodes, method, path, body).ConfigureAwait(false);
        var count = applied.Count(a => a);
        if (count * 2 > applied.Length)
        {
            return;
        }

        for (var i = 0; i < applied.Length; i++)
        {
            if (applied[i])
            {
                replicator.MarkStale(nodes[i]);
            }
        }

        throw MiroirErrors.NoQuorum($"the key change reached {count} of {applied.Length} nodes; a majority is needed. Nothing was recorded.");
    }
}
