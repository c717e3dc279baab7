using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Engine.Node;
using Miroir.Engine.Settings;
using Miroir.Engine.Tasks;
using Miroir.Meili.Http;

namespace Miroir.Engine.Http;

/// <summary><c>/indexes/{uid}/settings</c> and every sub-route; every update is a <c>settingsUpdate</c> task.</summary>
internal sealed class SettingsRoutes(NodeContext node)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/indexes/{uid}/settings", GetAllAsync);
        app.Patch("/indexes/{uid}/settings", PatchAllAsync);
        app.Delete("/indexes/{uid}/settings", ResetAllAsync);
        foreach (var (route, name, method) in SettingsJson.Routes)
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
        var settings = node.Indexes.Get(uid).Backend.Settings;
        return JsonResponse.WriteAsync(ctx, 200, settings, SettingsJson.Write);
    }

    private Task GetOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var settings = node.Indexes.Get(uid).Backend.Settings;
        return JsonResponse.WriteAsync(ctx, 200, settings, (w, s) => SettingsJson.WriteOne(w, s, name));
    }

    private async Task PatchAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        await EnqueueAsync(ctx, uid, body).ConfigureAwait(false);
    }

    private async Task UpdateOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        var body = await RequestBody.ReadJsonBytesAsync(ctx).ConfigureAwait(false);
        using var value = RequestBody.ParseJson(body);
        SettingsJson.ValidateOne(name, value.RootElement);
        await EnqueueAsync(ctx, uid, Wrap(w =>
        {
            w.WritePropertyName(name);
            value.RootElement.WriteTo(w);
        })).ConfigureAwait(false);
    }

    private Task ResetOneAsync(HttpContext ctx, string name)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        return EnqueueAsync(ctx, uid, Wrap(w => w.WriteNull(name)));
    }

    private Task ResetAllAsync(HttpContext ctx)
    {
        var uid = IndexUids.Check(ctx.Route("uid"));
        return EnqueueAsync(ctx, uid, Wrap(w =>
        {
            foreach (var name in SettingsJson.Keys)
            {
                w.WriteNull(name);
            }
        }));
    }

    /// <summary>Validates the patch now (a bad setting is a 400, as in Meilisearch) and enqueues it.</summary>
    private async Task EnqueueAsync(HttpContext ctx, string uid, byte[] patch)
    {
        using (var doc = RequestBody.ParseJson(patch))
        {
            SettingsJson.ValidatePatch(doc.RootElement);
            patch = SettingsJson.NormalizePatch(doc.RootElement);
        }
        var task = await node.EnqueueAsync(TaskKind.SettingsUpdate, uid, new TaskPayload { Data = patch }, patch).ConfigureAwait(false);
        await Accepted.WriteAsync(ctx, task).ConfigureAwait(false);
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
