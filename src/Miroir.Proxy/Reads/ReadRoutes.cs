using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Miroir.Proxy.Reads;

/// <summary>Registers the orchestrator's read endpoints (search, documents, stats, facet and multi-search).</summary>
public static class ReadRoutes
{
    public static IEndpointRouteBuilder MapReadRoutes(this IEndpointRouteBuilder app, ReadCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(cluster);
        app.MapMethods("/indexes/{uid}/search", ["POST"], ctx => SearchRoutes.PostAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/search", ["GET"], ctx => SearchRoutes.GetAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/facet-search", ["POST"], ctx => FacetSearchRoutes.PostAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/documents/{id}", ["GET"], ctx => DocumentRoutes.GetOneAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/documents", ["GET"], ctx => DocumentListRoutes.GetAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/documents/fetch", ["POST"], ctx => DocumentListRoutes.FetchAsync(ctx, cluster));
        app.MapMethods("/indexes/{uid}/stats", ["GET"], ctx => StatsRoutes.IndexAsync(ctx, cluster));
        app.MapMethods("/stats", ["GET"], ctx => StatsRoutes.AllAsync(ctx, cluster));
        app.MapMethods("/multi-search", ["POST"], ctx => MultiSearchRoutes.PostAsync(ctx, cluster));
        return app;
    }
}
