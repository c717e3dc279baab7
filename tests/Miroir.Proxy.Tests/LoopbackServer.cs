using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Http;

namespace Miroir.Proxy.Tests;

/// <summary>
/// A real Kestrel on an ephemeral loopback port for tests that play a node, a relay or a read path: built with the
/// caller's middleware and endpoints, started, and stopped once however often it is disposed.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    private LoopbackServer(WebApplication app)
    {
        _app = app;
        Url = SlimHost.BoundUrl(app);
    }

    /// <summary>The bound base address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> configure)
    {
        var builder = SlimHost.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
