using Microsoft.AspNetCore.Routing;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Server;

/// <summary>
/// Meilisearch routes the orchestrator refuses on purpose: <c>POST /dumps</c> and <c>POST /snapshots</c>.
/// Each node holds only some shards, so no node's dump or snapshot is the cluster's, and the nodes do not make them.
/// </summary>
internal static class UnsupportedRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.Post("/dumps", static _ => throw MiroirErrors.NotSupported(
            "Miroir does not create dumps: each node holds only some shards, so no single dump holds the cluster. " +
            "Back up each node's data folder (see docs/operations.md), or export documents with `GET /indexes/{indexUid}/documents`."));
        app.Post("/snapshots", static _ => throw MiroirErrors.NotSupported(
            "Miroir does not create snapshots: each node holds only some shards, so no single snapshot holds the cluster. " +
            "Back up each node's data folder (see docs/operations.md)."));
    }
}
