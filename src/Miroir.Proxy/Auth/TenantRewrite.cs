using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;
using Miroir.Meili.Auth;
using Miroir.Proxy.Http;
using Miroir.Meili.Filters;

namespace Miroir.Proxy.Auth;

/// <summary>
/// Applies a restricted caller's rules to search requests before the read path sees them: each multi-search
/// query must name an authorised index, and a tenant token's filter for the index is ANDed into the query's
/// own (as Meilisearch does), so every node query carries it.
/// </summary>
internal static class TenantRewrite
{
    public static async Task ApplyAsync(HttpContext context, AuthDecision decision, string? indexUid)
    {
        var request = context.Request;
        if (indexUid is null)
        {
            // POST /multi-search: indexes are named per query.
            var body = await RequestBodies.ReadAsync(context).ConfigureAwait(false);
            Replace(request, MultiSearch(body, decision));
            return;
        }

        if (decision.TenantFilter(indexUid) is not { ValueKind: not JsonValueKind.Null } tenant)
        {
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            var query = new QueryBuilder();
            foreach (var (name, values) in request.Query)
            {
                if (name != "filter")
                {
                    query.Add(name, (IEnumerable<string>)values!);
                }
            }

            // Fused in array form and sent as JSON, which nodes (this engine and Meilisearch) read back as that value.
            var own = request.Query["filter"];
            var client = StringValues.IsNullOrEmpty(own) ? null : FilterQueryParameter.Read(own.ToString());
            query.Add("filter", TenantFilters.Fuse(client, tenant)!.Value.GetRawText());
            request.QueryString = query.ToQueryString();
            return;
        }

        var raw = await RequestBodies.ReadAsync(context).ConfigureAwait(false);
        Replace(request, FuseInto(raw, tenant));
    }

    /// <summary>A search body with <paramref name="tenant"/> ANDed into its filter; a body that is not a JSON object is left for the node to refuse.</summary>
    public static byte[] FuseInto(byte[] body, JsonElement tenant)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? body : JsonBytes.Write((root, tenant), static (w, s) => WriteFused(w, s.root, s.tenant));
        }
    }

    private static byte[] MultiSearch(byte[] body, AuthDecision decision)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("queries", out var queries) || queries.ValueKind != JsonValueKind.Array)
            {
                return body;
            }

            var i = 0;
            foreach (var query in queries.EnumerateArray())
            {
                if (query.ValueKind == JsonValueKind.Object && query.TryGetProperty("indexUid", out var uid) && uid.ValueKind == JsonValueKind.String
                    && !decision.IsIndexAuthorized(uid.GetString()!))
                {
                    throw new ProxyException(Meili.Errors.ErrorCode.InvalidApiKey,
                        $"Inside `.queries[{i.ToString(CultureInfo.InvariantCulture)}]`: The provided API key is invalid.");
                }

                i++;
            }

            return decision.Tenant is null ? body : JsonBytes.Write((root, decision), static (w, s) =>
            {
                w.WriteStartObject();
                foreach (var p in s.root.EnumerateObject())
                {
                    if (p.Name != "queries")
                    {
                        p.WriteTo(w);
                        continue;
                    }

                    w.WriteStartArray(p.Name);
                    foreach (var query in p.Value.EnumerateArray())
                    {
                        var uid = query.ValueKind == JsonValueKind.Object && query.TryGetProperty("indexUid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
                        if (uid is not null && s.decision.TenantFilter(uid) is { ValueKind: not JsonValueKind.Null } tenant)
                        {
                            WriteFused(w, query, tenant);
                        }
                        else
                        {
                            query.WriteTo(w);
                        }
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            });
        }
    }

    private static void WriteFused(Utf8JsonWriter w, JsonElement query, JsonElement tenant)
    {
        w.WriteStartObject();
        JsonElement? own = null;
        foreach (var p in query.EnumerateObject())
        {
            if (p.Name == "filter")
            {
                own = p.Value;
            }
            else
            {
                p.WriteTo(w);
            }
        }

        w.WritePropertyName("filter");
        TenantFilters.Fuse(own, tenant)!.Value.WriteTo(w);
        w.WriteEndObject();
    }

    private static void Replace(HttpRequest request, byte[] body)
    {
        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
    }
}
