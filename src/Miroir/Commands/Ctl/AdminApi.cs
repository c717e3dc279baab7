using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Miroir.Commands.Ctl;

/// <summary>
/// The HTTP side of <c>miroir ctl</c>: admin routes with the admin key, <c>/tasks</c> with the master key. Answers
/// that are not 2xx become <see cref="CtlException"/>s carrying the orchestrator's error message and code.
/// </summary>
internal sealed class AdminApi(CtlOptions options) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(options.Url + "/"), Timeout = TimeSpan.FromSeconds(60) };

    public Task<JsonElement> GetAdminAsync(string path) => SendAsync(HttpMethod.Get, path, null, options.AdminKey);

    public Task<JsonElement> PostAdminAsync(string path, string? json) => SendAsync(HttpMethod.Post, path, json, options.AdminKey);

    public Task<JsonElement> GetClientAsync(string path) => SendAsync(HttpMethod.Get, path, null, options.ApiKey);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json, string? key)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CtlException($"cannot reach the orchestrator at {options.Url} ({e.Message}). Is it running? Point --url (or MIROIR_URL) at it.");
        }
        catch (TaskCanceledException)
        {
            throw new CtlException($"the orchestrator at {options.Url} did not answer {method} {path} within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = Parse(text);
            if (status is >= 200 and < 300)
            {
                return body ?? default;
            }

            throw new CtlException(Describe(method, path, status, body, text));
        }
    }

    private static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"message (code, HTTP status)" for a Meilisearch-shaped error, else the status and the raw text.</summary>
    private static string Describe(HttpMethod method, string path, int status, JsonElement? body, string text)
    {
        if (body is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("message", out var message))
        {
            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            var hint = code is "miroir_invalid_auth" or "missing_authorization_header" or "invalid_api_key"
                ? status == 401 && path.StartsWith("/_miroir", StringComparison.Ordinal)
                    ? " Pass --admin-key or set MIROIR_ADMIN_API_KEY."
                    : " Pass --api-key or set MIROIR_MASTER_KEY."
                : "";
            return $"{message.GetString()} ({code}, HTTP {status} from {method} {path}).{hint}";
        }

        var snippet = text.Length > 200 ? text[..200] + "..." : text;
        return $"{method} {path} answered HTTP {status}{(snippet.Length > 0 ? ": " + snippet : "")}";
    }

    public void Dispose() => _http.Dispose();
}
