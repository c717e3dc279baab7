using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>
/// A small Meilisearch-shaped node over real HTTP for the read-path tests: one index, substring search with a
/// deterministic score, the filter subset of <see cref="FakeFilter"/>, facets, document listing and stats.
/// </summary>
/// <remarks>Stands in for the engine node until EngineIndex (filters, facets) is wired behind NodeServer; the
/// orchestrator only sees the HTTP API, so the tests exercise exactly the production read path.</remarks>
internal sealed partial class FakeNode : IAsyncDisposable
{
    private readonly List<JsonElement> _docs = [];
    private readonly Dictionary<string, JsonElement> _byId = [];
    private WebApplication? _app;

    public FakeNode(string indexUid) => IndexUid = indexUid;

    public string IndexUid { get; }

    public string Url { get; private set; } = "";

    public int Requests;

    public int DocumentCount => _docs.Count;

    /// <summary>Each request waits this long before it is answered (a node slower than the orchestrator's timeout).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, requests without exactly this <c>Authorization</c> header get 401 (a node with a master key).</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>Answers promise a longer body than they send, then the connection drops (a node dying mid-answer).</summary>
    public bool CutsBodiesShort { get; set; }

    public void Add(IEnumerable<string> documents)
    {
        foreach (var json in documents)
        {
            var doc = JsonDocument.Parse(json).RootElement.Clone();
            _docs.Add(doc);
            _byId[FakeFilter.Text(doc.GetProperty("id"))] = doc;
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            Interlocked.Increment(ref Requests);
            try
            {
                if (RequiredAuthorization is { } authorization && ctx.Request.Headers.Authorization.ToString() != authorization)
                {
                    throw new FakeNodeException(401, "missing_authorization_header", "The Authorization header is missing.");
                }

                if (Delay > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(Delay, ctx.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                if (CutsBodiesShort)
                {
                    ctx.Response.ContentType = "application/json";
                    ctx.Response.ContentLength = 10_000;
                    await ctx.Response.Body.WriteAsync("{\"hits\":["u8.ToArray());
                    await ctx.Response.Body.FlushAsync();
                    ctx.Abort();
                    return;
                }

                await next(ctx);
            }
            catch (FakeNodeException e)
            {
                ctx.Response.StatusCode = e.Status;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["message"] = e.Message, ["code"] = e.Code, ["type"] = "invalid_request", ["link"] = "https://docs.meilisearch.com/errors#" + e.Code,
                }));
            }
        });
        app.MapPost("/indexes/{uid}/search", ctx => Json(ctx, w => Search(w, Index(ctx, Body(ctx)))));
        app.MapGet("/indexes/{uid}/search", ctx => Json(ctx, w => Search(w, Index(ctx, QueryAsJson(ctx)))));
        app.MapPost("/indexes/{uid}/facet-search", ctx => Json(ctx, w => FacetSearch(w, Index(ctx, Body(ctx)))));
        app.MapPost("/indexes/{uid}/documents/fetch", ctx => Json(ctx, w => Fetch(w, Index(ctx, Body(ctx)))));
        app.MapGet("/indexes/{uid}/documents/{id}", ctx => Json(ctx, w => GetOne(w, ctx, Index(ctx, default))));
        app.MapGet("/indexes/{uid}/stats", ctx => Json(ctx, w => Stats(w, Index(ctx, default))));
        app.MapGet("/stats", ctx => Json(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("databaseSize", 1000 + _docs.Count);
            w.WriteNumber("usedDatabaseSize", 500 + _docs.Count);
            w.WriteString("lastUpdate", "2026-11-25T10:00:00Z");
            w.WriteStartObject("indexes");
            w.WritePropertyName(IndexUid);
            Stats(w, default);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
        await app.StartAsync();
        _app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private JsonElement Index(HttpContext ctx, JsonElement body)
    {
        var uid = (string)ctx.Request.RouteValues["uid"]!;
        if (uid != IndexUid)
        {
            throw new FakeNodeException(404, "index_not_found", $"Index `{uid}` not found.");
        }

        return body;
    }

    private static JsonElement Body(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = reader.ReadToEndAsync().GetAwaiter().GetResult();
        try
        {
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new FakeNodeException(400, "bad_request", "The json payload provided is malformed.");
        }
    }

    private static JsonElement QueryAsJson(HttpContext ctx)
    {
        var map = new Dictionary<string, object?>();
        foreach (var (key, value) in ctx.Request.Query)
        {
            var text = value.ToString();
            map[key] = key switch
            {
                "offset" or "limit" or "page" or "hitsPerPage" => int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new FakeNodeException(400, "invalid_search_" + key.ToLowerInvariant(), $"Invalid value in parameter `{key}`: could not parse `{text}` as a positive integer"),
                "showRankingScore" or "showRankingScoreDetails" => bool.Parse(text),
                "facets" or "sort" or "attributesToRetrieve" => text.Split(','),
                _ => text,
            };
        }

        return JsonSerializer.SerializeToElement(map);
    }

    private static async Task Json(HttpContext ctx, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(buffer.ToArray());
    }

    private static JsonElement Prop(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) ? v : default;

    private static int Int(JsonElement body, string name, int fallback)
    {
        var v = Prop(body, name);
        if (v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0 ? n
            : throw new FakeNodeException(400, "invalid_search_" + name.ToLowerInvariant(), $"Invalid value type at `.{name}`: expected a positive integer, but found {v.GetRawText()}");
    }

    private static void WriteDoc(Utf8JsonWriter w, JsonElement doc, IReadOnlyCollection<string>? fields, double? score)
    {
        w.WriteStartObject();
        foreach (var p in doc.EnumerateObject())
        {
            if (fields is null || fields.Contains(p.Name) || fields.Contains("*"))
            {
                p.WriteTo(w);
            }
        }

        if (score is { } s)
        {
            w.WriteNumber("_rankingScore", s);
        }

        w.WriteEndObject();
    }

    private static string Lower(JsonElement doc, string field) =>
        doc.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.ToLowerInvariant() : "";

    private static string[]? Strings(JsonElement v) =>
        v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(e => e.GetString()!)] : null;

    private static long IdOf(JsonElement doc) => doc.GetProperty("id").GetInt64();

    private static string Encode(string s) => Encoding.UTF8.GetString(JsonEncodedText.Encode(s).EncodedUtf8Bytes);
}
