using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Server;

/// <summary>
/// <c>GET/PATCH /experimental-features</c>: the flags live on the nodes. A PATCH is broadcast (the first node
/// validates it alone, so an unknown field is refused before any node changed); both answer the merged state,
/// where a flag is on only if it is on for every node that answered.
/// </summary>
internal sealed class ExperimentalFeatureRoutes(Broadcaster broadcaster)
{
    private const string Path = "experimental-features";

    public void Map(IEndpointRouteBuilder app)
    {
        app.Get("/" + Path, GetAsync);
        app.Patch("/" + Path, PatchAsync);
    }

    private async Task GetAsync(HttpContext ctx)
    {
        var responses = await NodeFanout.SendAllAsync(ctx.ClusterView().Nodes, n => n.GetAsync(Path, ctx.RequestAborted)).ConfigureAwait(false);
        if (responses.FirstOrDefault(r => r is { Reached: true, IsSuccess: false }) is { } refused)
        {
            await JsonOut.RawAsync(ctx, refused.Status, refused.Body).ConfigureAwait(false);
            return;
        }

        await WriteMergedAsync(ctx, responses).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext ctx)
    {
        var body = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var contentType = ctx.Request.ContentType ?? "application/json";
        var view = ctx.ClusterView();
        var (responses, rejected) = await broadcaster.SendAsync(view, HttpMethod.Patch, Path, body, contentType, ctx.RequestAborted).ConfigureAwait(false);
        if (rejected is not null)
        {
            await JsonOut.RawAsync(ctx, rejected.Status, rejected.Body).ConfigureAwait(false);
            return;
        }

        // A node that missed the change would disagree with the others until the client retries (PATCH is idempotent).
        var nodes = view.Snapshot.WriteClients;
        var missed = Enumerable.Range(0, nodes.Count).Where(i => responses[i] is not { IsSuccess: true }).ToList();
        if (missed.Count > 0)
        {
            var reasons = string.Join("; ", missed.Select(i => responses[i]?.Failure ?? $"node `{nodes[i].Id}` answered {responses[i]?.Status}"));
            throw MiroirErrors.NodeUnavailable(
                $"The experimental features were not changed on every node ({reasons}); the nodes that answered applied them. Send the same request again once every node is up.");
        }

        await WriteMergedAsync(ctx, responses).ConfigureAwait(false);
    }

    private static Task WriteMergedAsync(HttpContext ctx, IReadOnlyList<NodeResponse?> responses)
    {
        var answered = responses.Where(r => r is { IsSuccess: true }).Select(r => r!.Body).ToList();
        if (answered.Count == 0)
        {
            var reasons = string.Join("; ", responses.Where(r => r is { Reached: false }).Select(r => r!.Failure).Distinct());
            throw MiroirErrors.NodeUnavailable("No node answered `/experimental-features`: " + reasons);
        }

        return JsonOut.RawAsync(ctx, 200, Merge(answered));
    }

    /// <summary>The first node's object with each boolean flag ANDed over all nodes (a flag on only where every node has it on).</summary>
    internal static byte[] Merge(IReadOnlyList<byte[]> bodies)
    {
        var documents = bodies.Select(b => JsonDocument.Parse(b)).ToList();
        try
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                foreach (var flag in documents[0].RootElement.EnumerateObject())
                {
                    if (flag.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        w.WriteBoolean(flag.Name, documents.All(d => d.RootElement.TryGetProperty(flag.Name, out var v) && v.ValueKind == JsonValueKind.True));
                    }
                    else
                    {
                        flag.WriteTo(w);
                    }
                }

                w.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            foreach (var d in documents)
            {
                d.Dispose();
            }
        }
    }
}
