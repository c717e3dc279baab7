using System.Text.Json;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Rebalancing;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>
/// Deletes a replica missed are never undone: a copy a tombstone covers is deleted everywhere by anti-entropy and
/// never copied to a new owner; a write after the delete still wins; expired tombstones restore the old behaviour.
/// A replica "that missed the delete" gets its pre-delete copy (reserved fields included) written back directly.
/// </summary>
public sealed class TombstoneTests
{
    private static string Title(JsonElement? document) => document!.Value.GetProperty("title").GetString()!;

    private static async Task<JsonElement> StatusAsync(AntiEntropyCluster ae) => await ae.StatusAsync();

    /// <summary>Writes <paramref name="copy"/> (as the node returned it) back to a node, as if it had missed the delete.</summary>
    private static Task RestoreStaleAsync(AntiEntropyCluster ae, int ordinal, JsonElement? copy) =>
        ae.WriteDirectAsync(ordinal, "/indexes/m/documents", "[" + copy!.Value.GetRawText() + "]");

    private static async Task AssertGoneEverywhereAsync(AntiEntropyCluster ae, int id)
    {
        foreach (var owner in ae.Owners(id))
        {
            Assert.Null(await ae.DocumentOnAsync(owner, id));
        }

        Assert.Equal(404, (await ae.Cluster.SendJsonAsync(HttpMethod.Get, $"/indexes/m/documents/{id}")).Status);
    }

    [Fact]
    public async Task Run_DeletedWhileReplicaDown_DeletedEverywhereNotResurrected()
    {
        // Two groups of RF=2: with one node down the delete still reaches quorum in the other group.
        await using var ae = await AntiEntropyCluster.StartAsync(nodes: 4, replicaGroups: 2);
        var owners = ae.Owners(9);
        await ae.Cluster.StopNodeAsync(owners[3]);

        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents/9");
        await ae.Cluster.StartNodeAsync(owners[3]);
        Assert.Equal("doc 9", Title(await ae.DocumentOnAsync(owners[3], 9)));
        await ae.RunAsync();

        await AssertGoneEverywhereAsync(ae, 9);
        var status = await StatusAsync(ae);
        Assert.Equal(1, status.GetProperty("tombstoneDeletesTotal").GetInt32());
        Assert.Equal(1, status.GetProperty("tombstones").GetInt32());
        Assert.Empty((await ae.VerifyAsync()).GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task Run_BatchDeleteMissedByOneReplica_DeletesItsCopiesAndCounts()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var stale = new[] { 3, 4, 5 }.Select(id => (Id: id, Owner: ae.Owners(id)[1])).ToArray();
        var copies = new List<JsonElement?>();
        foreach (var (id, owner) in stale)
        {
            copies.Add(await ae.DocumentOnAsync(owner, id));
        }

        await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents/delete-batch", """[3,"4",5]""");
        for (var i = 0; i < stale.Length; i++)
        {
            await RestoreStaleAsync(ae, stale[i].Owner, copies[i]);
        }

        var pass = await ae.RunAsync();

        Assert.Equal(3, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Equal(3, pass.GetProperty("mismatches").EnumerateArray().Sum(m => m.GetProperty("tombstoneDeletes").GetInt32()));
        foreach (var (id, _) in stale)
        {
            await AssertGoneEverywhereAsync(ae, id);
        }

        Assert.Equal(3, (await StatusAsync(ae)).GetProperty("tombstones").GetInt32());
    }

    [Fact]
    public async Task Run_ReaddedAfterDelete_WriteWinsOverTheTombstone()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(9);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents/9");
        await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":9,"title":"back"}]""");
        await ae.WriteDirectAsync(owners[1], "/indexes/m/documents/delete-batch", "[9]");

        var pass = await ae.RunAsync();

        Assert.Equal(1, pass.GetProperty("documentsRepaired").GetInt32());
        foreach (var owner in owners)
        {
            Assert.Equal("back", Title(await ae.DocumentOnAsync(owner, 9)));
        }

        Assert.Equal(0, (await StatusAsync(ae)).GetProperty("tombstoneDeletesTotal").GetInt32());
    }

    [Fact]
    public async Task Run_DeleteAllThenStaleReplica_ClearsOldCopiesKeepsNewerWrites()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var staleOwner = ae.Owners(5)[0];
        var copy = await ae.DocumentOnAsync(staleOwner, 5);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents");
        await RestoreStaleAsync(ae, staleOwner, copy);
        await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":100,"title":"after"}]""");
        await ae.WriteDirectAsync(ae.Owners(100)[1], "/indexes/m/documents/delete-batch", "[100]");

        await ae.RunAsync();

        await AssertGoneEverywhereAsync(ae, 5);
        foreach (var owner in ae.Owners(100))
        {
            Assert.Equal("after", Title(await ae.DocumentOnAsync(owner, 100)));
        }
    }

    [Fact]
    public async Task Run_DeleteByFilter_NodeDecidesWhichStaleCopiesMatched()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        await ae.WriteAsync(HttpMethod.Patch, "/indexes/m/settings", """{"filterableAttributes":["title"]}""");
        var staleOwner = ae.Owners(3)[0];
        var copy = await ae.DocumentOnAsync(staleOwner, 3);
        await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents/delete", """{"filter":"title = 'doc 3'"}""");
        await RestoreStaleAsync(ae, staleOwner, copy);
        // Document 4 (older than the filter delete, not matching it) lost by one replica is restored as before.
        await ae.WriteDirectAsync(ae.Owners(4)[1], "/indexes/m/documents/delete-batch", "[4]");

        var pass = await ae.RunAsync();

        Assert.Equal(2, pass.GetProperty("documentsRepaired").GetInt32());
        await AssertGoneEverywhereAsync(ae, 3);
        foreach (var owner in ae.Owners(4))
        {
            Assert.Equal("doc 4", Title(await ae.DocumentOnAsync(owner, 4)));
        }

        Assert.Equal(1, (await StatusAsync(ae)).GetProperty("tombstoneDeletesTotal").GetInt32());
    }

    [Fact]
    public async Task Delete_Refused_RecordsNoTombstone()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();

        var badFilter = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents/delete", """{"filter":12}""");
        var missingFilter = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents/delete", "{}");
        var badIds = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents/delete-batch", """{"ids":[1]}""");

        Assert.Equal((400, "invalid_document_filter"), (badFilter.Status, badFilter.Body.GetProperty("code").GetString()));
        Assert.Equal((400, "missing_document_filter"), (missingFilter.Status, missingFilter.Body.GetProperty("code").GetString()));
        Assert.Equal((400, "invalid_document_ids"), (badIds.Status, badIds.Body.GetProperty("code").GetString()));
        Assert.Equal(0, (await StatusAsync(ae)).GetProperty("tombstones").GetInt32());
    }

    [Fact]
    public async Task Run_FilterDeleteTheNodesFailed_MatchesNothingAndRestoresAsBefore()
    {
        // `title` is not filterable: the nodes accept the delete, then fail its task; the tombstone must not delete anything.
        await using var ae = await AntiEntropyCluster.StartAsync();
        var answer = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents/delete", """{"filter":"title = 'doc 4'"}""");
        Assert.Equal("failed", (await ae.Cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(answer))).GetProperty("status").GetString());
        await ae.WriteDirectAsync(ae.Owners(4)[1], "/indexes/m/documents/delete-batch", "[4]");

        var pass = await ae.RunAsync();

        Assert.Equal(1, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Empty(pass.GetProperty("skipped").EnumerateArray());
        foreach (var owner in ae.Owners(4))
        {
            Assert.Equal("doc 4", Title(await ae.DocumentOnAsync(owner, 4)));
        }

        Assert.Equal(1, (await StatusAsync(ae)).GetProperty("tombstones").GetInt32());
    }

    [Fact]
    public async Task Run_IndexDeletedWhileReplicaDownThenRecreated_OldDocumentsNotResurrected()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(nodes: 4, replicaGroups: 2);
        var stale = ae.Owners(9)[3];
        await ae.Cluster.StopNodeAsync(stale);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m");
        await ae.Cluster.StartNodeAsync(stale);

        // The returning node still holds `m` (its creation task fails there); one new document goes everywhere.
        var created = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"m","primaryKey":"id"}""");
        await ae.Cluster.WaitForTaskAsync(MiroirClusterFixture.TaskUidOf(created));
        await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":100,"title":"new"}]""");
        Assert.Equal("doc 9", Title(await ae.DocumentOnAsync(stale, 9)));

        await ae.RunAsync();

        await AssertGoneEverywhereAsync(ae, 9);
        Assert.Equal("new", Title(await ae.DocumentOnAsync(ae.Owners(100)[0], 100)));
    }

    [Fact]
    public async Task Run_AfterOrchestratorRestart_TombstonesReplayedFromTheStateLog()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var staleOwner = ae.Owners(9)[1];
        var copy = await ae.DocumentOnAsync(staleOwner, 9);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents/9");

        await ae.Cluster.RestartProxyAsync();
        await RestoreStaleAsync(ae, staleOwner, copy);
        await ae.RunAsync();

        await AssertGoneEverywhereAsync(ae, 9);
    }

    // A snapshot listed a moment ago may be compacted away before it is read: it then holds nothing.
    private static bool HoldsTombstone(string snapshot)
    {
        try
        {
            return File.ReadAllText(snapshot).Contains("\"r\":\"tombstone\"", StringComparison.Ordinal);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Run_AfterSnapshotCompactionAndRestart_TombstonesKept()
    {
        // A tiny threshold: the records after the delete trigger a snapshot that must carry the tombstone.
        await using var ae = await AntiEntropyCluster.StartAsync(configureCluster: c => c with { State = c.State with { SnapshotAfterBytes = 512 } });
        var staleOwner = ae.Owners(9)[1];
        var copy = await ae.DocumentOnAsync(staleOwner, 9);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents/9");
        var stateDir = Path.GetFullPath(ae.Cluster.Config.State.Path);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Directory.GetFiles(stateDir, "*.snap", SearchOption.AllDirectories).Any(HoldsTombstone))
        {
            Assert.True(DateTime.UtcNow < deadline, "no state snapshot carries the tombstone");
            await ae.WriteAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":200,"title":"filler"}]""");
        }

        await ae.Cluster.RestartProxyAsync();
        await RestoreStaleAsync(ae, staleOwner, copy);
        await ae.RunAsync();

        await AssertGoneEverywhereAsync(ae, 9);
    }

    [Fact]
    public async Task Run_TombstoneExpired_StaleCopyRestoredAsBefore()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(configure: c => c with { TombstoneTtl = "300ms" });
        var staleOwner = ae.Owners(9)[1];
        var copy = await ae.DocumentOnAsync(staleOwner, 9);
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents/9");
        await RestoreStaleAsync(ae, staleOwner, copy);
        await Task.Delay(TimeSpan.FromMilliseconds(400));

        await ae.RunAsync();

        foreach (var owner in ae.Owners(9))
        {
            Assert.Equal("doc 9", Title(await ae.DocumentOnAsync(owner, 9)));
        }

        Assert.Equal(0, (await StatusAsync(ae)).GetProperty("tombstones").GetInt32());
    }

    [Fact]
    public async Task AddNode_TombstonedDocumentsOnTheSource_AreNotCopiedToTheNewOwner()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var stale = new List<(int Node, JsonElement Page)>();
        for (var node = 0; node < 3; node++)
        {
            stale.Add((node, (await ae.GetDirectAsync(node, "/indexes/m/documents?limit=1000"))!.Value.GetProperty("results")));
        }

        // Every replica missed the delete-all: they agree, so only the copy's tombstone check keeps the documents away.
        await ae.WriteAsync(HttpMethod.Delete, "/indexes/m/documents");
        foreach (var (node, page) in stale)
        {
            await ae.WriteDirectAsync(node, "/indexes/m/documents", page.GetRawText());
        }

        var node4 = await ae.Cluster.StartExtraNodeAsync("node-4");
        var (status, body, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/_miroir/nodes", $$"""{"id":"node-4","address":"{{node4.Url}}","replica_group":0}""");
        Assert.True(status == 202, body.ToString());
        var done = await RebalanceKit.WaitAsync(ae.Cluster);

        Assert.True(done.GetProperty("shardsDone").GetInt32() > 0);
        Assert.Equal(0, done.GetProperty("documentsMigrated").GetInt64());
        Assert.Equal(0, await RebalanceKit.NodeCountAsync(node4.Url, "m"));
    }
}
