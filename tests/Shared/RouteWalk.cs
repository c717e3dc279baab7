using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Miroir.Tests.Shared;

/// <summary>
/// Walks every mapped route of a server (its real route table, so a new route cannot escape) plus the Meilisearch
/// routes it may not serve, for the authentication tests of the node and the orchestrator.
/// </summary>
internal static partial class RouteWalk
{
    public const string MissingHeaderMessage = "The Authorization header is missing. It must use the bearer authorization method.";
    public const string InvalidKeyMessage = "The provided API key is invalid.";

    /// <summary>Meilisearch routes a target may not serve: a key allowed to call them must get what the master key gets.</summary>
    public static readonly (string Method, string Pattern)[] MeilisearchRoutes =
    [
        ("GET", "/batches"), ("GET", "/batches/{uid}"), ("GET", "/experimental-features"), ("PATCH", "/experimental-features"),
        ("POST", "/dumps"), ("POST", "/snapshots"), ("GET", "/network"), ("PATCH", "/network"), ("GET", "/webhooks"),
        ("POST", "/webhooks"), ("GET", "/webhooks/{uuid}"), ("PATCH", "/webhooks/{uuid}"), ("DELETE", "/webhooks/{uuid}"),
        ("POST", "/indexes/{uid}/fields"), ("POST", "/indexes/{uid}/compact"), ("POST", "/export"), ("GET", "/metrics"),
        ("POST", "/logs/stream"), ("DELETE", "/logs/stream"), ("GET", "/indexes/{uid}/similar"), ("POST", "/indexes/{uid}/similar"),
        ("POST", "/indexes/{uid}/documents/edit"), ("GET", "/tasks/{uid}/documents"),
    ];

    /// <summary>One request per route (health and the admin API left out), with a body that would pass if the route read it first.</summary>
    public static IReadOnlyList<(HttpMethod Method, string Path, string? Body)> Requests(IEnumerable<(string Method, string Pattern)> routes) =>
        [.. routes
            .Select(r => (r.Method, Path: Fill(r.Pattern)))
            .Where(r => r.Path != "/health" && !r.Path.StartsWith("/_miroir", StringComparison.Ordinal))
            .Distinct()
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .Select(r => (new HttpMethod(r.Method), r.Path, Body(r.Method, r.Path)))];

    public static HttpRequestMessage Request(HttpMethod method, string path, string? body, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    /// <summary>Sends every request with <paramref name="key"/> and lists those not refused with exactly the expected status, code and message.</summary>
    public static async Task<List<string>> UnrefusedAsync(HttpClient client, IEnumerable<(HttpMethod Method, string Path, string? Body)> requests, string? key)
    {
        var (status, code, message) = key is null ? (401, "missing_authorization_header", MissingHeaderMessage) : (403, "invalid_api_key", InvalidKeyMessage);
        var failures = new List<string>();
        foreach (var (method, path, body) in requests)
        {
            foreach (var sent in new[] { body, null }.Distinct())
            {
                using var request = Request(method, path, sent, key);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != status || !Has(text, code, message))
                {
                    failures.Add($"{method} {path} (body {sent ?? "none"}): {(int)response.StatusCode} {text}");
                }
            }
        }

        return failures;
    }

    /// <summary>Lists the requests where <paramref name="key"/> gets another status than the master key.</summary>
    public static async Task<List<string>> DifferencesAsync(HttpClient client, IEnumerable<(HttpMethod Method, string Path, string? Body)> requests, string masterKey, string key)
    {
        var failures = new List<string>();
        foreach (var (method, path, body) in requests)
        {
            using var byMaster = await client.SendAsync(Request(method, path, body, masterKey));
            using var byKey = await client.SendAsync(Request(method, path, body, key));
            if (byMaster.StatusCode != byKey.StatusCode)
            {
                failures.Add($"{method} {path}: master key {(int)byMaster.StatusCode}, key {(int)byKey.StatusCode} {await byKey.Content.ReadAsStringAsync()}");
            }
        }

        return failures;
    }

    private static bool Has(string text, string code, string message)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            return root.GetProperty("code").GetString() == code && root.GetProperty("message").GetString() == message
                && root.GetProperty("type").GetString() == "auth";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Fill(string pattern) => Parameter().Replace(pattern, m => m.Groups[1].Value switch
    {
        "uid" or "indexUid" or "index" => "movies",
        "key" or "uuid" => "8dcbb9ef-9f6c-4ef7-b8f0-38f1a7a1d4e6",
        _ => "1",
    });

    /// <summary>A body a route would accept: the bug this guards against is a handler that answers an empty request before checking the key.</summary>
    private static string? Body(string method, string path) => method switch
    {
        "GET" or "DELETE" => null,
        _ when path == "/multi-search" => """{"queries":[]}""",
        _ when path is "/swap-indexes" || path.EndsWith("/documents", StringComparison.Ordinal) || path.EndsWith("/delete-batch", StringComparison.Ordinal) => "[]",
        _ => "{}",
    };

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
