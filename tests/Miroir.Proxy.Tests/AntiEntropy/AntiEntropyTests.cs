using System.Text.Json;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>Spec §13.8 against real engine nodes: replicas made to drift directly on a node are found and repaired.</summary>
public sealed class AntiEntropyTests
{
    private static string Title(JsonElement? document) => document!.Value.GetProperty("title").GetString()!;

    private static JsonElement Single(JsonElement pass, string array) => Assert.Single(pass.GetProperty(array).EnumerateArray());

    [Fact]
    public async Task Run_HealthyCluster_FindsNoMismatch()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();

        var pass = await ae.VerifyAsync();

        Assert.Equal(12, pass.GetProperty("shardsScanned").GetInt32());
        Assert.Empty(pass.GetProperty("mismatches").EnumerateArray());
        Assert.Empty(pass.GetProperty("skipped").EnumerateArray());
        var status = await ae.StatusAsync();
        Assert.Equal((12, 0, 0), (status.GetProperty("shardsScannedTotal").GetInt32(), status.GetProperty("mismatchesFoundTotal").GetInt32(), status.GetProperty("docsRepairedTotal").GetInt32()));
        Assert.True(status.GetProperty("lastScanCompletedSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Run_DocumentEditedAndDeletedOnOneReplica_RestoresBothAndCounts()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var edited = ae.Owners(7)[0];
        var deleted = ae.Owners(9)[1];
        await ae.WriteDirectAsync(edited, "/indexes/m/documents", $$"""[{"id":7,"title":"tampered","_miroir_shard":{{ae.ShardOf(7)}}}]""");
        await ae.WriteDirectAsync(deleted, "/indexes/m/documents/delete-batch", "[9]");

        var pass = await ae.RunAsync();

        Assert.Equal(2, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Equal(ae.ShardOf(7) == ae.ShardOf(9) ? 1 : 2, pass.GetProperty("mismatches").GetArrayLength());
        foreach (var owner in ae.Owners(7))
        {
            var document = await ae.DocumentOnAsync(owner, 7);
            Assert.Equal("doc 7", Title(document));
            Assert.Equal(7, document!.Value.GetProperty("nested").GetProperty("x").GetInt32());
        }

        foreach (var owner in ae.Owners(9))
        {
            Assert.Equal("doc 9", Title(await ae.DocumentOnAsync(owner, 9)));
        }

        var status = await ae.StatusAsync();
        Assert.Equal(2, status.GetProperty("docsRepairedTotal").GetInt32());
        Assert.True(status.GetProperty("mismatchesFoundTotal").GetInt32() >= 1);
        Assert.Empty((await ae.VerifyAsync()).GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task Verify_DriftedReplica_ReportsDigestsAndWritesNothing()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(3);
        await ae.WriteDirectAsync(owners[1], "/indexes/m/documents", $$"""[{"id":3,"title":"tampered","_miroir_shard":{{ae.ShardOf(3)}}}]""");

        var pass = await ae.VerifyAsync();

        var mismatch = Single(pass, "mismatches");
        Assert.Equal(("m", ae.ShardOf(3), 1), (mismatch.GetProperty("index").GetString(), mismatch.GetProperty("shard").GetInt32(), mismatch.GetProperty("divergentDocuments").GetInt32()));
        var replicas = mismatch.GetProperty("replicas").EnumerateArray().ToArray();
        Assert.Equal(owners.Select(ae.NodeId), replicas.Select(r => r.GetProperty("node").GetString()));
        Assert.NotEqual(replicas[0].GetProperty("digest").GetString(), replicas[1].GetProperty("digest").GetString());
        Assert.Equal(replicas[0].GetProperty("documents").GetInt64(), replicas[1].GetProperty("documents").GetInt64());
        Assert.Equal(0, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Equal("tampered", Title(await ae.DocumentOnAsync(owners[1], 3)));
    }

    [Fact]
    public async Task Run_CopyExpiredOnOneReplica_DeletesEverywhere()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(5);
        await ae.WriteDirectAsync(owners[0], "/indexes/m/documents", $$"""[{"id":5,"title":"doc 5","_miroir_shard":{{ae.ShardOf(5)}},"_miroir_updated_at":1,"_miroir_expires_at":1000}]""");

        var pass = await ae.RunAsync();

        Assert.Equal(1, pass.GetProperty("documentsRepaired").GetInt32());
        foreach (var owner in owners)
        {
            Assert.Null(await ae.DocumentOnAsync(owner, 5));
        }

        Assert.Equal(404, (await ae.Cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents/5")).Status);
    }

    [Fact]
    public async Task Run_NewerStampOnOneReplica_WinsOverOlderCopy()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(11);
        var newer = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        await ae.WriteDirectAsync(owners[1], "/indexes/m/documents", $$"""[{"id":11,"title":"newer","_miroir_shard":{{ae.ShardOf(11)}},"_miroir_updated_at":{{newer}}}]""");

        await ae.RunAsync();

        foreach (var owner in owners)
        {
            Assert.Equal("newer", Title(await ae.DocumentOnAsync(owner, 11)));
        }
    }

    [Fact]
    public async Task Run_ReplicaDownDuringPass_SkipsItsShardsAndRepairsNothingThere()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(7);
        await ae.WriteDirectAsync(owners[0], "/indexes/m/documents", $$"""[{"id":7,"title":"tampered","_miroir_shard":{{ae.ShardOf(7)}}}]""");
        await ae.Cluster.StopNodeAsync(owners[1]);

        var pass = await ae.RunAsync();

        var skipped = pass.GetProperty("skipped").EnumerateArray().ToArray();
        var downShards = ae.Map.GetShards(owners[1]).ToArray();
        Assert.Equal(downShards, skipped.Select(s => s.GetProperty("shard").GetInt32()).Order());
        Assert.All(skipped, s => Assert.Equal(ae.NodeId(owners[1]), s.GetProperty("node").GetString()));
        Assert.Equal(12 - downShards.Length, pass.GetProperty("shardsScanned").GetInt32());
        Assert.Equal(0, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Equal("tampered", Title(await ae.DocumentOnAsync(owners[0], 7)));

        await ae.Cluster.StartNodeAsync(owners[1]);
        Assert.Equal(1, (await ae.RunAsync()).GetProperty("documentsRepaired").GetInt32());
        Assert.Equal("doc 7", Title(await ae.DocumentOnAsync(owners[0], 7)));
    }

    [Fact]
    public async Task Run_AutoRepairOff_ReportsWithoutWriting()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(configure: c => c with { AutoRepair = false });
        var owners = ae.Owners(2);
        await ae.WriteDirectAsync(owners[0], "/indexes/m/documents/delete-batch", "[2]");

        var pass = await ae.RunAsync();

        Assert.Equal(1, Single(pass, "mismatches").GetProperty("divergentDocuments").GetInt32());
        Assert.Equal(0, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Null(await ae.DocumentOnAsync(owners[0], 2));
    }

    [Fact]
    public async Task Schedule_ShortInterval_RepairsWithoutBeingAsked()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(configure: c => c with { Schedule = "every 200ms", ShardsPerPass = 4 });
        var owners = ae.Owners(4);
        await ae.WriteDirectAsync(owners[1], "/indexes/m/documents/delete-batch", "[4]");

        for (var i = 0; i < 600 && (await ae.StatusAsync()).GetProperty("docsRepairedTotal").GetInt32() == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, (await ae.StatusAsync()).GetProperty("docsRepairedTotal").GetInt32());
        Assert.Equal("doc 4", Title(await ae.DocumentOnAsync(owners[1], 4)));
    }

    [Fact]
    public async Task Run_TwoGroups_ComparesEveryGroupsReplicas()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(nodes: 4, replicaGroups: 2);
        var owners = ae.Owners(6);
        Assert.Equal(4, owners.Length);
        await ae.WriteDirectAsync(owners[3], "/indexes/m/documents/delete-batch", "[6]");

        var pass = await ae.RunAsync();

        Assert.Equal(4, Single(pass, "mismatches").GetProperty("replicas").GetArrayLength());
        Assert.Equal("doc 6", Title(await ae.DocumentOnAsync(owners[3], 6)));
    }

    [Fact]
    public async Task Run_NodeReturnsCopyWithoutShardField_ReportsButNeverWritesPartialCopies()
    {
        await using var ae = await AntiEntropyCluster.StartAsync();
        var owners = ae.Owners(8);
        // A copy without `_miroir_shard` is what a node hiding fields from the documents API returns (Meilisearch
        // before v0.28 applied displayedAttributes there; Miroir's engine and current Meilisearch do not).
        await ae.WriteDirectAsync(owners[1], "/indexes/m/documents", """[{"id":8,"title":"edited"}]""");

        var pass = await ae.RunAsync();

        Assert.Equal(1, Single(pass, "mismatches").GetProperty("divergentDocuments").GetInt32());
        Assert.Contains("partial", Single(pass, "skipped").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, pass.GetProperty("documentsRepaired").GetInt32());
        Assert.Equal("edited", (await ae.DocumentOnAsync(owners[1], 8))!.Value.GetProperty("title").GetString());
        Assert.True((await ae.DocumentOnAsync(owners[0], 8))!.Value.TryGetProperty("_miroir_shard", out _));
    }
}
