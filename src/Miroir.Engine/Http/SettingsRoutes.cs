using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Errors;
using Miroir.Engine.Node;
using Miroir.Engine.Settings;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Http;

/// <summary><c>/indexes/{uid}/settings</c> and every sub-route; every update is a <c>settingsUpdate</c> task.</summary>
internal sealed class SettingsRoutes(NodeContext node, NodeAuth auth)
{
    /// <summary>Sub-route name, setting name, and the update verb Meilisearch uses for it.</summary>
    private static readonly (string Route, string Name, string Method)[] SubRoutes =
    [
        ("displayed-attributes", "displayedAttributes", "PUT"),
        ("searchable-attributes", "searchableAttributes", "PUT"),
        ("filterable-attributes", "filterableAttributes", "PUT"),
        ("sortable-attributes", "sortableAttributes", "PUT"),
        ("ranking-rules", "rankingRules", "PUT"),
        ("stop-words", "stopWords", "PUT"),
        ("synonyms", "synonyms", "PUT"),
        ("distinct-attribute", "distinctAttribute", "PUT"),
        ("typo-tolerance", "typoTolerance", "PATCH"),
        ("pagination", "pagination", "PATCH"),
        ("faceting", "faceting", "PATCH"),
        ("proximity-precision", "proximityPrecision", "PUT"),
        ("separator-tokens", "separatorTokens", "PUT"),
        ("non-separator-tokens", "nonSeparatorTokens", "PUT"),
        ("dictionary", "dictionary", "PUT"),
        ("search-cutoff-ms", "searchCutoffMs", "PUT"),
        ("embedders", "embedders", "PATCH"),
        ("localized-attributes", "localizedAttributes", "PUT"),
        ("facet-search", "facetSearch", "PUT"),
        ("prefix-search", "prefixSearch", "PUT"),
    ];

    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes/{uid}/settings", GetAllAsync);
        app.Patch("/indexes/{uid}/settings", PatchAllAsync);
        app.Delete("/indexes/{uid}/settings", ResetAllAsync);
        foreach (var (route, name, method) in SubRoutes)
        {
            var pattern = "/indexes/{uid}/settings/" + route;
            app.Get(pattern, ctx => GetOneAsync(ctx, name));
            if (method == "PUT")
            {
                app.Put(pattern, ctx => UpdateOneAsync(ctx, name));
            }
            else
            {
                app.Patch(pattern, ctx => UpdateOneAsync(ctx, name));
            }
            app.Delete(pattern, ctx => ResetOneAsync(ctx, name));
        }
    }

    private Task GetAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.get", uid);
        var settings = node.Indexes.Get(uid).Backend.Settings;
        return JsonResponse.WriteAsync(ctx, 200, settings, SettingsCodec.Write);
    }

    private Task GetOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.get", uid);
        var settings = node.Indexes.Get(uid).Backend.Settings;
        using var all = JsonDocument.Parse(SettingsCodec.Write(settings));
        var value = all.RootElement.TryGetProperty(name, out var v) ? v.Clone() : default;
        return JsonResponse.WriteAsync(ctx, 200, value, static (w, v) =>
        {
            if (v.ValueKind == JsonValueKind.Undefined)
            {
                w.WriteNullValue();
            }
            else
            {
                v.WriteTo(w);
            }
        });
    }

    private async Task PatchAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.update", uid);
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        await EnqueueAsync(ctx, uid, body).ConfigureAwait(false);
    }

    private async Task UpdateOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.update", uid);
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        using var value = ParseJson(body);
        await EnqueueAsync(ctx, uid, Wrap(w =>
        {
            w.WritePropertyName(name);
            value.RootElement.WriteTo(w);
        })).ConfigureAwait(false);
    }

    private Task ResetOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.update", uid);
        return EnqueueAsync(ctx, uid, Wrap(w => w.WriteNull(name)));
    }

    private Task ResetAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        auth.Authorize(ctx, "settings.update", uid);
        return EnqueueAsync(ctx, uid, Wrap(w =>
        {
            foreach (var (_, name, _) in SubRoutes)
            {
                w.WriteNull(name);
            }
        }));
    }

    /// <summary>Validates the patch now (a bad setting is a 400, as in Meilisearch) and enqueues it.</summary>
    private async Task EnqueueAsync(HttpContext ctx, string uid, byte[] patch)
    {
        using (var doc = ParseJson(patch))
        {
            SettingsCodec.ApplyPatch(IndexSettings.Default, doc.RootElement);
        }
        var task = await node.EnqueueAsync(TaskKind.SettingsUpdate, uid, new TaskPayload { Data = patch }, patch).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
    }

    private static JsonDocument ParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MeiliException(ErrorCode.BadRequest, $"The json payload provided is malformed. `{e.Message}`.");
        }
    }

    private static byte[] Wrap(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
