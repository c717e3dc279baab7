using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Miroir.Engine.Node;

namespace Miroir.Engine.Tests.Node;

/// <summary>A real node on an ephemeral port in its own temp directory, with an HttpClient; deleted on dispose.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private NodeServer _server;

    private TestNode(NodeServer server, string directory, string? masterKey)
    {
        _server = server;
        DataDirectory = directory;
        MasterKey = masterKey;
        Client = NewClient(masterKey);
    }

    public string DataDirectory { get; }

    public string? MasterKey { get; }

    public HttpClient Client { get; private set; }

    public string Url => _server.Url;

    /// <summary>The node's route table as (method, pattern).</summary>
    internal IReadOnlyList<(string Method, string Pattern)> Routes => _server.Routes;

    public static async Task<TestNode> StartAsync(string? masterKey = null, string? directory = null, long? maxBody = null, long? snapshotBytes = null, TimeProvider? time = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "miroir-test-" + Guid.NewGuid().ToString("N"));
        var options = Options(directory, masterKey, maxBody, snapshotBytes) with { TimeProvider = time ?? TimeProvider.System };
        var server = await NodeServer.StartAsync(options);
        return new TestNode(server, directory, masterKey) { _options = options };
    }

    private NodeOptions? _options;

    private static NodeOptions Options(string directory, string? masterKey, long? maxBody, long? snapshotBytes) => new()
    {
        Port = 0,
        DataDirectory = directory,
        MasterKey = masterKey,
        MaxBodyBytes = maxBody ?? 100L * 1024 * 1024,
        SnapshotThresholdBytes = snapshotBytes ?? 256L * 1024 * 1024,
    };

    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(_server.Url), Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>Stops the node and starts a new one on the same data directory, running <paramref name="whileStopped"/> in between.</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await _server.StopAsync();
        Client.Dispose();
        whileStopped?.Invoke();
        _server = await NodeServer.StartAsync(_options!);
        Client = NewClient(MasterKey);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a write, expects 202, waits for the task to finish and returns it.</summary>
    public async Task<JsonElement> WriteAndWaitAsync(HttpMethod method, string path, string json, string contentType = "application/json")
    {
        var response = await SendJsonAsync(method, path, json, contentType);
        var body = await JsonAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body.ToString());
        return await WaitTaskAsync(body.GetProperty("taskUid").GetInt64());
    }

    public async Task<JsonElement> WaitTaskAsync(long uid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var task = await JsonAsync(await Client.GetAsync($"/tasks/{uid}"));
            var status = task.GetProperty("status").GetString();
            if (status is "succeeded" or "failed" or "canceled")
            {
                return task;
            }
            Assert.True(DateTime.UtcNow < deadline, $"task {uid} still {status}");
            await Task.Delay(10);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await JsonAsync(await Client.GetAsync(path));

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        Client.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
