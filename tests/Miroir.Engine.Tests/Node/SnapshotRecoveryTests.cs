namespace Miroir.Engine.Tests.Node;

/// <summary>Restarts from snapshots: a damaged latest snapshot falls back to the previous one plus the log.</summary>
public sealed class SnapshotRecoveryTests
{
    [Fact]
    public async Task Restart_LatestSnapshotDamaged_PreviousSnapshotAndLogRestoreEverything()
    {
        // Threshold 1: a snapshot after every task, so the last two tasks each left one.
        await using var node = await TestNode.StartAsync(snapshotBytes: 1);
        await node.WriteAndWaitAsync(HttpMethod.Patch, "/indexes/books/settings", """{"filterableAttributes":["genre"]}""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/books/documents", """[{"id":1,"title":"dune","genre":"sf"},{"id":2,"title":"emma","genre":"novel"}]""");
        await node.WriteAndWaitAsync(HttpMethod.Post, "/indexes/books/documents", """[{"id":3,"title":"dune messiah","genre":"sf"}]""");
        var logDirectory = Path.Combine(node.DataDirectory, "log");
        string damaged = "";

        await node.RestartAsync(() =>
        {
            var snapshots = Directory.GetFiles(logDirectory, "*.snap").Order(StringComparer.Ordinal).ToList();
            Assert.True(snapshots.Count >= 2, string.Join(", ", snapshots));
            damaged = snapshots[^1];
            var bytes = File.ReadAllBytes(damaged);
            bytes[bytes.Length / 2] ^= 0x5A;
            File.WriteAllBytes(damaged, bytes);
        });

        Assert.True(File.Exists(damaged + ".corrupt"));
        Assert.Equal(3, (await node.GetJsonAsync("/indexes/books/stats")).GetProperty("numberOfDocuments").GetInt32());
        var search = await TestNode.JsonAsync(await node.SendJsonAsync(HttpMethod.Post, "/indexes/books/search", """{"q":"dune","filter":"genre = sf"}"""));
        Assert.Equal(2, search.GetProperty("estimatedTotalHits").GetInt32());
        var tasks = await node.GetJsonAsync("/tasks");
        Assert.All(tasks.GetProperty("results").EnumerateArray(), t => Assert.Equal("succeeded", t.GetProperty("status").GetString()));
    }
}
