using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Node;
using Miroir.Meili.Http;
using Miroir.Meili.Tasks;

namespace Miroir.Engine.Http;

/// <summary><c>/health</c>, <c>/version</c>, <c>/stats</c> and <c>/experimental-features</c>.</summary>
internal sealed class ServerRoutes(NodeContext node)
{
    /// <summary>The Meilisearch version this node answers like.</summary>
    public const string PackageVersion = "1.13.0";

    private static readonly string[] ExperimentalFeatures =
        ["metrics", "logsRoute", "editDocumentsByFunction", "containsFilter", "network", "getTaskDocumentsRoute", "compositeEmbedders"];

    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/health", static ctx => JsonResponse.WriteAsync(ctx, 200, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("status", "available");
            w.WriteEndObject();
        }));
        app.Get("/version", VersionAsync);
        app.Get("/stats", StatsAsync);
        app.Get("/experimental-features", FeaturesAsync);
        app.Patch("/experimental-features", PatchFeaturesAsync);
    }

    private Task VersionAsync(HttpContext ctx)
    {
        return JsonResponse.WriteAsync(ctx, 200, 0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("commitSha", "miroir");
            w.WriteString("commitDate", "2026-01-01T00:00:00Z");
            w.WriteString("pkgVersion", PackageVersion);
            w.WriteEndObject();
        });
    }

    private Task StatsAsync(HttpContext ctx)
    {
        var access = NodeAuth.Of(ctx);
        var indexes = node.Indexes.List().Where(i => access.CanSee(i.Uid)).ToList();
        DateTimeOffset? lastUpdate = indexes.Count == 0 ? null : indexes.Max(i => i.UpdatedAt);
        return JsonResponse.WriteAsync(ctx, 200, (node, indexes, lastUpdate), static (w, s) =>
        {
            w.WriteStartObject();
            var size = s.node.Log.BytesSinceSnapshot;
            w.WriteNumber("databaseSize", size);
            w.WriteNumber("usedDatabaseSize", size);
            if (s.lastUpdate is { } last)
            {
                w.WriteString("lastUpdate", TaskTime.Format(last));
            }
            else
            {
                w.WriteNull("lastUpdate");
            }
            w.WriteStartObject("indexes");
            foreach (var index in s.indexes)
            {
                w.WritePropertyName(index.Uid);
                IndexRoutes.WriteStats(w, s.node, index);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private Task FeaturesAsync(HttpContext ctx)
    {
        return WriteFeaturesAsync(ctx);
    }

    /// <summary>Accepts the known flags (set to false: the community edition's defaults); unknown ones are refused.</summary>
    private async Task PatchFeaturesAsync(HttpContext ctx)
    {
        using var body = await RequestBody.ReadJsonAsync(ctx).ConfigureAwait(false);
        foreach (var p in body!.RootElement.EnumerateObject())
        {
            if (!ExperimentalFeatures.Contains(p.Name))
            {
                throw new Meili.Errors.MeiliException(Meili.Errors.ErrorCode.BadRequest,
                    $"Unknown field `{p.Name}`: expected one of {string.Join(", ", ExperimentalFeatures.Select(f => "`" + f + "`"))}");
            }
        }
        await WriteFeaturesAsync(ctx).ConfigureAwait(false);
    }

    private static Task WriteFeaturesAsync(HttpContext ctx) => JsonResponse.WriteAsync(ctx, 200, 0, static (w, _) =>
    {
        w.WriteStartObject();
        foreach (var feature in ExperimentalFeatures)
        {
            w.WriteBoolean(feature, false);
        }
        w.WriteEndObject();
    });
}
