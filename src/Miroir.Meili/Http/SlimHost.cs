using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Miroir.Meili.Http;

/// <summary>The Kestrel set-up the node and the orchestrator share: one listener, no server header, a body cap.</summary>
public static class SlimHost
{
    /// <summary>
    /// A slim builder that never watches files: configuration comes from <c>miroir.yaml</c> and flags, not
    /// appsettings.json, and the default reload-on-change would put a recursive inotify watch on the working
    /// directory, which holds the data folders (every log append would wake it, and large trees exhaust watches).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });

    /// <summary>Listens on exactly <paramref name="bind"/>:<paramref name="port"/> (0 = ephemeral).</summary>
    public static void UseKestrel(WebApplicationBuilder builder, string bind, int port, long maxBodyBytes) =>
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = maxBodyBytes;
            k.Listen(IPAddress.Parse(bind), port);
        });

    /// <summary>The bound base address of a started app, for example <c>http://127.0.0.1:41234</c>.</summary>
    public static string BoundUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>Every mapped route as (method, pattern), for the tests that walk the whole surface (authentication).</summary>
    public static IReadOnlyList<(string Method, string Pattern)> Routes(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText ?? "")))];

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM, a StopAsync) or on cancellation.</summary>
    public static Task WaitForShutdownAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        cancellationToken.Register(() => stopping.TrySetResult());
        return stopping.Task;
    }
}
