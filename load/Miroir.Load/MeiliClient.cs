using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Miroir.Load;

/// <summary>The few Meilisearch calls the profiles make, over one pooled HttpClient.</summary>
internal sealed class MeiliClient : IDisposable
{
    private readonly HttpClient _http;

    public MeiliClient(string url, string? key, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(key))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    /// <summary>The client for <c>--url</c> and <c>--key</c>, with a connection per client of the load model.</summary>
    public static MeiliClient FromOptions(CommandLine options) =>
        new(options.Get("url", "http://127.0.0.1:7700"), options.Get("key"), Math.Max(options.GetInt("concurrency", 1), 256));

    public async Task<long> AddNdjsonAsync(string index, string body, string primaryKey)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await _http.PostAsync($"/indexes/{index}/documents?primaryKey={primaryKey}", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"add documents: {(int)response.StatusCode} {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("taskUid").GetInt64();
    }

    public async Task PatchSettingsAsync(string index, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PatchAsync($"/indexes/{index}/settings", content);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await WaitTaskAsync(doc.RootElement.GetProperty("taskUid").GetInt64());
    }

    public async Task<string> WaitTaskAsync(long uid)
    {
        while (true)
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync($"/tasks/{uid}"));
            var status = doc.RootElement.GetProperty("status").GetString()!;
            if (status is "succeeded" or "failed" or "canceled")
            {
                return status == "succeeded" ? status : status + ": " + doc.RootElement.GetRawText();
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Posts a search and returns the HTTP status; the body is read and dropped.</summary>
    public async Task<int> SearchAsync(string index, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync($"/indexes/{index}/search", content);
        await response.Content.CopyToAsync(Stream.Null);
        return (int)response.StatusCode;
    }

    /// <summary>Posts an NDJSON batch and returns the HTTP status (202 when acknowledged); never throws for HTTP errors.</summary>
    public async Task<int> TryAddNdjsonAsync(string index, string body, string primaryKey)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await _http.PostAsync($"/indexes/{index}/documents?primaryKey={primaryKey}", content);
        await response.Content.CopyToAsync(Stream.Null);
        return (int)response.StatusCode;
    }

    /// <summary>Gets one document by its (URL-escaped) id and returns the HTTP status.</summary>
    public async Task<int> GetDocumentAsync(string index, string escapedId)
    {
        using var response = await _http.GetAsync($"/indexes/{index}/documents/{escapedId}");
        await response.Content.CopyToAsync(Stream.Null);
        return (int)response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
