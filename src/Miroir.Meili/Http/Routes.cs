using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Miroir.Meili.Http;

/// <summary>Maps <see cref="RequestDelegate"/> handlers (no minimal-API binding, so AOT-safe).</summary>
public static class Routes
{
    public static void Get(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, ["GET"], handler);

    public static void Post(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, ["POST"], handler);

    public static void Put(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, ["PUT"], handler);

    public static void Patch(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, ["PATCH"], handler);

    public static void Delete(this IEndpointRouteBuilder app, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, ["DELETE"], handler);

    /// <summary>A route value (always present when the pattern declares it).</summary>
    public static string Route(this HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? "";
}
