using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>
/// A loopback HTTP relay in front of a real engine node that can slow down (like <c>tc netem delay</c>) or fail its
/// read requests (search, document fetch and get), or cut their answers short. Everything else (health probes, writes, tasks) passes straight through,
/// so the orchestrator's health view stays healthy and only the read path sees the trouble.
/// </summary>
internal sealed class DelayingProxy : IAsyncDisposable
{
    private readonly HttpClient _upstream = new() { Timeout = Timeout.InfiniteTimeSpan };
    private LoopbackServer? _server;
    private int _reads;

    public string Url => _server!.Url;

    /// <summary>The real node's base URL.</summary>
    public string Upstream { get; set; } = "";

    /// <summary>Added before each read is relayed.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer reads with 500 instead of relaying them.</summary>
    public bool Failing { get; set; }

    /// <summary>Answer reads with a body shorter than the promised length, then drop the connection (a node dying mid-answer).</summary>
    public bool CutsBodiesShort { get; set; }

    /// <summary>Read requests that arrived (relayed, delayed or failed).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public static async Task<DelayingProxy> StartAsync()
    {
        var proxy = new DelayingProxy();
        proxy._server = await LoopbackServer.StartAsync(app => app.Run(proxy.RelayAsync));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a test may stop a node the cluster disposes again at its end.
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        _upstream.Dispose();
    }

    private static bool IsRead(HttpRequest request) =>
        request.Path.StartsWithSegments("/indexes", StringComparison.Ordinal)
        && (request.Path.Value!.EndsWith("/search", StringComparison.Ordinal)
            || request.Path.Value.EndsWith("/documents/fetch", StringComparison.Ordinal)
            || (HttpMethods.IsGet(request.Method) && request.Path.Value.Contains("/documents", StringComparison.Ordinal)));

    private async Task RelayAsync(HttpContext ctx)
    {
        if (IsRead(ctx.Request))
        {
            Interlocked.Increment(ref _reads);
            if (Delay > TimeSpan.Zero)
            {
                // The orchestrator drops a hedged loser's connection: the delay ends with it.
                await Task.Delay(Delay, ctx.RequestAborted);
            }

            if (Failing)
            {
                ctx.Response.StatusCode = 500;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"message":"injected failure","code":"internal","type":"internal","link":""}""");
                return;
            }

            if (CutsBodiesShort)
            {
                ctx.Response.ContentType = "application/json";
                ctx.Response.ContentLength = 10_000;
                await ctx.Response.Body.WriteAsync("{\"hits\":["u8.ToArray(), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                ctx.Abort();
                return;
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), Upstream + ctx.Request.Path + ctx.Request.QueryString);
        var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        if (body.Length > 0 || ctx.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (ctx.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } auth)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        // Like any relay, custom headers pass through (e.g. the orchestrator's X-Miroir-Tie-Break).
        foreach (var (name, values) in ctx.Request.Headers)
        {
            if (name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, ctx.RequestAborted);
        ctx.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            ctx.Response.ContentType = contentType.ToString();
        }

        await ctx.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted), ctx.RequestAborted);
    }
}
