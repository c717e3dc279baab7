using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Core.Routing;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Rebalancing;

/// <summary>
/// Topology admin routes under <c>/_miroir/</c>: add, drain and delete nodes, add and remove replica groups,
/// resume a rebalance and follow its progress. Changes answer 202 with the rebalance status.
/// </summary>
internal sealed class RebalanceRoutes(Rebalancer rebalancer)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.Post("/_miroir/nodes", AddNodeAsync);
        app.Post("/_miroir/nodes/{id}/drain", DrainAsync);
        app.Delete("/_miroir/nodes/{id}", ForgetAsync);
        app.Post("/_miroir/groups", AddGroupAsync);
        app.Delete("/_miroir/groups/{group}", RemoveGroupAsync);
        app.Post("/_miroir/rebalance", ResumeAsync);
        app.Get("/_miroir/rebalance/status", ctx => JsonOut.WriteAsync(ctx, 200, rebalancer, RebalanceStatusJson.Write));
    }

    private async Task AddNodeAsync(HttpContext ctx)
    {
        var body = await ReadObjectAsync(ctx).ConfigureAwait(false);
        TopologyNode node;
        using (body)
        {
            var root = body.RootElement;
            node = ReadNode(root, Int(root, "replica_group"));
        }

        await rebalancer.AddNodeAsync(node).ConfigureAwait(false);
        await AcceptedAsync(ctx).ConfigureAwait(false);
    }

    private async Task DrainAsync(HttpContext ctx)
    {
        await rebalancer.DrainNodeAsync(ctx.Route("id")).ConfigureAwait(false);
        await AcceptedAsync(ctx).ConfigureAwait(false);
    }

    private async Task ForgetAsync(HttpContext ctx)
    {
        var id = ctx.Route("id");
        await rebalancer.ForgetNodeAsync(id).ConfigureAwait(false);
        await JsonOut.WriteAsync(ctx, 200, id, static (w, id) =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("status", "forgotten");
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task AddGroupAsync(HttpContext ctx)
    {
        var body = await ReadObjectAsync(ctx).ConfigureAwait(false);
        var nodes = new List<TopologyNode>();
        using (body)
        {
            if (!body.RootElement.TryGetProperty("nodes", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw RebalanceErrors.InvalidRequest("Missing field `nodes`: an array of `{\"id\",\"address\"}` objects.");
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw RebalanceErrors.InvalidRequest("Every entry of `nodes` must be an object with `id` and `address`.");
                }

                nodes.Add(ReadNode(item, 0));
            }
        }

        await rebalancer.AddGroupAsync(nodes).ConfigureAwait(false);
        await AcceptedAsync(ctx).ConfigureAwait(false);
    }

    private async Task RemoveGroupAsync(HttpContext ctx)
    {
        var raw = ctx.Route("group");
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var group))
        {
            throw RebalanceErrors.InvalidGroup($"Invalid replica group `{raw}`: expected a non-negative integer.");
        }

        await rebalancer.RemoveGroupAsync(group).ConfigureAwait(false);
        await AcceptedAsync(ctx).ConfigureAwait(false);
    }

    private async Task ResumeAsync(HttpContext ctx)
    {
        var resumed = await rebalancer.ResumeAsync().ConfigureAwait(false);
        await JsonOut.WriteAsync(ctx, resumed ? 202 : 200, rebalancer, WriteAccepted).ConfigureAwait(false);
    }

    private Task AcceptedAsync(HttpContext ctx) => JsonOut.WriteAsync(ctx, 202, rebalancer, WriteAccepted);

    private static void WriteAccepted(Utf8JsonWriter w, Rebalancer r)
    {
        w.WriteStartObject();
        w.WritePropertyName("rebalance");
        RebalanceStatusJson.Write(w, r);
        w.WriteEndObject();
    }

    private static async Task<JsonDocument> ReadObjectAsync(HttpContext ctx)
    {
        var bytes = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw RebalanceErrors.InvalidRequest("The request body is not valid JSON: " + e.Message);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw RebalanceErrors.InvalidRequest("The request body must be a JSON object.");
        }

        return document;
    }

    private static TopologyNode ReadNode(JsonElement e, int group)
    {
        var id = String(e, "id");
        var address = String(e, "address");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw RebalanceErrors.InvalidRequest($"`address` of node `{id}` must be an absolute http:// or https:// URL, got `{address}`.");
        }

        return new TopologyNode(id, address, group);
    }

    private static string String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw RebalanceErrors.InvalidRequest($"Missing or invalid field `{name}`: expected a non-empty string.");

    private static int Int(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v)
            ? 0
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
                ? i
                : throw RebalanceErrors.InvalidGroup($"Invalid `{name}`: expected an integer, got `{v.GetRawText()}`.");
}
