using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Settings;

/// <summary>Talks to one engine node of a cluster directly, around the orchestrator (out-of-band edits), over real HTTP.</summary>
internal static class DirectNode
{
    /// <summary>Sends a settings write straight to node <paramref name="index"/> and waits until the node applied it.</summary>
    public static async Task EditAsync(MiroirClusterFixture cluster, int index, HttpMethod method, string path, string body)
    {
        using var node = Client(cluster, index);
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await node.SendAsync(request);
        Assert.Equal(202, (int)response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var taskUid = answer.RootElement.GetProperty("taskUid").GetInt64();
        await WaitUntilAsync(async () => (await node.GetStringAsync($"/tasks/{taskUid}")).Contains("\"succeeded\"", StringComparison.Ordinal));
    }

    public static async Task<string> GetAsync(MiroirClusterFixture cluster, int index, string path)
    {
        using var node = Client(cluster, index);
        return await node.GetStringAsync(path);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Delay(50);
        }
    }

    private static HttpClient Client(MiroirClusterFixture cluster, int index) => new() { BaseAddress = new Uri(cluster.Nodes[index]!.Url) };
}
