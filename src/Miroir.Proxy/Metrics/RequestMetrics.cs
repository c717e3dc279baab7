using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// Per request (around the whole pipeline, see <c>RequestEnvelope</c>): in-flight gauge, request counter and latency histogram labelled with the route
/// <em>template</em> (<c>/indexes/{uid}/search</c>), never the raw path, so series stay bounded. Label values are
/// interned strings (method constants, cached status texts, the endpoint's pattern), so recording allocates nothing.
/// </summary>
internal sealed class RequestMetrics(ProxyMetrics metrics)
{
    /// <summary>Requests no route matched (the fallback endpoint) or that never reached routing.</summary>
    public const string Unmatched = "unmatched";

    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 600).Select(static s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Counts the request in flight; returns its start timestamp for <see cref="Finish"/>.</summary>
    public long Start()
    {
        metrics.InFlight.Add(1);
        return metrics.Start();
    }

    /// <summary>Counts the answered request (after any error was written, so its status is the one recorded).</summary>
    public void Finish(HttpContext context, long start)
    {
        metrics.InFlight.Add(-1);
        var method = HttpMethods.GetCanonicalizedValue(context.Request.Method) is var m
            && m is "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" ? m : "OTHER";
        var template = TemplateOf(context);
        var code = context.Response.StatusCode;
        var status = code is >= 0 and < 600 ? StatusTexts[code] : "other";
        // Three tags as separate arguments: recorded without a tag array.
        metrics.Requests.Add(1, new("method", method), new("path_template", template), new("status", status));
        metrics.RequestDuration.Record(metrics.Time.GetElapsedTime(start).TotalSeconds,
            new("method", method), new("path_template", template), new("status", status));
    }

    private static string TemplateOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { Order: < int.MaxValue } endpoint && endpoint.RoutePattern.RawText is { } raw
            ? raw
            : Unmatched;
}
