using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Tests.Transport;

/// <summary>
/// A real Kestrel on loopback answering like a node would: fixed-length and chunked JSON bodies of chosen sizes, an
/// echo, a slow route and Meilisearch errors. Counts connections and requests in flight.
/// </summary>
internal sealed class LoopbackNode : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private LoopbackServer? _server;
    private int _inFlight;
    private int _maxInFlight;

    public string Url => _server!.Url;

    /// <summary>Distinct TCP connections that carried at least one request.</summary>
    public int Connections => _connections.Count;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<LoopbackNode> StartAsync()
    {
        var node = new LoopbackNode();
        node._server = await LoopbackServer.StartAsync(app => app.Run(node.HandleAsync));
        return node;
    }

    /// <summary>Deterministic bytes of <paramref name="length"/> (a JSON string), so a body can be checked byte for byte.</summary>
    public static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        bytes[0] = (byte)'"';
        for (var i = 1; i < length - 1; i++)
        {
            bytes[i] = (byte)('a' + (i * 7 % 26));
        }

        bytes[^1] = (byte)'"';
        return bytes;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext ctx)
    {
        _connections.TryAdd(ctx.Connection.Id, 0);
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            var query = ctx.Request.Query;
            var size = int.TryParse(query["size"], out var s) ? s : 300;
            switch (ctx.Request.Path.Value)
            {
                case "/length":
                    ctx.Response.ContentType = "application/json";
                    ctx.Response.ContentLength = size;
                    await ctx.Response.Body.WriteAsync(Payload(size));
                    break;
                case "/chunked":
                    // No length: Kestrel frames the writes as chunks, in pieces of `piece` bytes.
                    var piece = int.TryParse(query["piece"], out var p) ? p : 1000;
                    var payload = Payload(size);
                    ctx.Response.ContentType = "application/json";
                    for (var offset = 0; offset < payload.Length; offset += piece)
                    {
                        await ctx.Response.Body.WriteAsync(payload.AsMemory(offset, Math.Min(piece, payload.Length - offset)));
                        await ctx.Response.Body.FlushAsync();
                    }

                    break;
                case "/echo":
                    var body = new MemoryStream();
                    await ctx.Request.Body.CopyToAsync(body);
                    ctx.Response.ContentLength = body.Length;
                    await ctx.Response.Body.WriteAsync(body.ToArray());
                    break;
                case "/headers":
                    // The request line and headers as the server parsed them, one lowercase "name: value" per line.
                    await ctx.Request.Body.CopyToAsync(Stream.Null);
                    var headers = new StringBuilder().Append(ctx.Request.Method).Append(' ').Append(ctx.Request.Path + ctx.Request.QueryString).Append('\n');
                    foreach (var (name, values) in ctx.Request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                    {
                        headers.Append(name.ToLowerInvariant()).Append(": ").Append(values.ToString()).Append('\n');
                    }

                    await ctx.Response.WriteAsync(headers.ToString());
                    break;
                case "/slow":
                    await Task.Delay(TimeSpan.FromMilliseconds(int.Parse(query["ms"]!)), ctx.RequestAborted);
                    await ctx.Response.WriteAsync("{}");
                    break;
                case "/error":
                    ctx.Response.StatusCode = int.Parse(query["status"]!);
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync($$"""{"message":"no","code":"{{query["code"]}}","type":"invalid_request","link":""}""");
                    break;
                case "/empty":
                    ctx.Response.StatusCode = 204;
                    break;
                default:
                    ctx.Response.StatusCode = 404;
                    break;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
