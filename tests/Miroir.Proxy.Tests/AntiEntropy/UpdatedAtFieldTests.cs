using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>Spec §8/§13.8: <c>_miroir_updated_at</c> is Miroir's while anti-entropy is on, stamped on every write and never shown.</summary>
public sealed class UpdatedAtFieldTests
{
    [Fact]
    public async Task Write_Enabled_StampsEveryCopyAndHidesIt()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(documents: 0);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await ae.Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1,"title":"a"}]""")));

        long stamp = 0;
        foreach (var owner in ae.Owners(1))
        {
            stamp = (await ae.DocumentOnAsync(owner, 1))!.Value.GetProperty("_miroir_updated_at").GetInt64();
            Assert.InRange(stamp, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        var (status, document, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents/1");
        Assert.Equal(200, status);
        Assert.False(document.TryGetProperty("_miroir_updated_at", out _), document.ToString());
        var (_, search, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/search", """{"q":"a"}""");
        Assert.DoesNotContain("_miroir_", search.ToString(), StringComparison.Ordinal);
        var (_, list, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents/fetch", """{"fields":["id","_miroir_updated_at"]}""");
        Assert.Equal(1, list.GetProperty("results").GetArrayLength());
        Assert.DoesNotContain("_miroir_", list.ToString(), StringComparison.Ordinal);

        // A partial update (PUT) is a write too: it gets a fresh stamp.
        await Task.Delay(5);
        await ae.Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await ae.Cluster.SendJsonAsync(HttpMethod.Put, "/indexes/m/documents", """[{"id":1,"extra":true}]""")));
        var updated = (await ae.DocumentOnAsync(ae.Owners(1)[0], 1))!.Value;
        Assert.True(updated.GetProperty("_miroir_updated_at").GetInt64() > stamp);
        Assert.Equal("a", updated.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Write_EnabledClientSuppliesStamp_400ReservedFieldAndNothingWritten()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(documents: 0);

        var (status, error, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1},{"id":2,"_miroir_updated_at":5}]""");

        Assert.Equal(400, status);
        Assert.Equal("miroir_reserved_field", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request", error.GetProperty("type").GetString());
        Assert.Contains("_miroir_updated_at", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        for (var node = 0; node < 3; node++)
        {
            Assert.Null(await ae.DocumentOnAsync(node, 1));
        }
    }

    [Fact]
    public async Task Write_DisabledClientSuppliesStamp_PassedThroughAndHidden()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(documents: 0, configure: c => c with { Enabled = false });

        await ae.Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1,"_miroir_updated_at":5}]""")));

        foreach (var owner in ae.Owners(1))
        {
            Assert.Equal(5, (await ae.DocumentOnAsync(owner, 1))!.Value.GetProperty("_miroir_updated_at").GetInt64());
        }

        var (_, document, _) = await ae.Cluster.SendJsonAsync(HttpMethod.Get, "/indexes/m/documents/1");
        Assert.False(document.TryGetProperty("_miroir_updated_at", out _), document.ToString());
    }

    [Fact]
    public async Task Write_Disabled_DoesNotStamp()
    {
        await using var ae = await AntiEntropyCluster.StartAsync(documents: 0, configure: c => c with { Enabled = false });

        await ae.Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await ae.Cluster.SendJsonAsync(HttpMethod.Post, "/indexes/m/documents", """[{"id":1}]""")));

        Assert.False((await ae.DocumentOnAsync(ae.Owners(1)[0], 1))!.Value.TryGetProperty("_miroir_updated_at", out _));
    }
}
