using Miroir.Proxy.Tests.Auth;
using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Tasks;

/// <summary>Keys (and every other owner's records) survive a restart from a snapshot that compacted the log they were written to.</summary>
public sealed class StateSnapshotSourcesTests
{
    [Fact]
    public async Task Keys_AfterSnapshotAndCompaction_RestartKeepsCreatedAndDeletedKeys()
    {
        // A tiny snapshot threshold: every few records trigger a snapshot (the state log holds key, index and task records).
        await using var cluster = await MiroirClusterFixture.StartAsync(
            configure: c => c with { MasterKey = KeyRoutesTests.MasterKey, State = c.State with { SnapshotAfterBytes = 512 } },
            nodeMasterKey: KeyRoutesTests.NodeKey);
        var (defaultUid, _) = await KeyRoutesTests.FirstKeyAsync(cluster);
        var created = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (status, body, _) = await cluster.SendJsonAsync(HttpMethod.Post, "/keys", $$"""{"name":"k{{i}}","actions":["search"],"indexes":["movies"],"expiresAt":null}""");
            Assert.Equal(201, status);
            created.Add(body.GetProperty("uid").GetString()!);
        }

        Assert.Equal(204, (int)(await cluster.SendAsync(HttpMethod.Delete, "/keys/" + defaultUid)).StatusCode);
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"movies","primaryKey":"id"}""")));
        var stateDir = Path.GetFullPath(cluster.Config.State.Path);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(stateDir, "*.snap", SearchOption.AllDirectories).Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no state snapshot was written");
            await Task.Delay(50);
        }

        await cluster.RestartProxyAsync();

        var (_, keys, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/keys?limit=100");
        var uids = keys.GetProperty("results").EnumerateArray().Select(k => k.GetProperty("uid").GetString()!).ToHashSet();
        Assert.Superset(created.ToHashSet(), uids);
        Assert.DoesNotContain(defaultUid, uids);
        var (indexStatus, index, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies");
        Assert.Equal(200, indexStatus);
        Assert.Equal("id", index.GetProperty("primaryKey").GetString());
    }
}
