using Miroir.Proxy.Tests.Cluster;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>The reserved <c>_miroir_shard</c> field never shows to a client: not in task details, settings or errors.</summary>
public sealed class ReservedFieldLeakTests
{
    [Fact]
    public async Task ReservedField_SettingsTaskDetailsAndSettings_NeverShowIt()
    {
        await using var cluster = await StartAsync();

        var (_, tasks, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/tasks?limit=100");
        var (_, settings, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/settings");
        var (_, filterable, _) = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/settings/filterable-attributes");

        Assert.DoesNotContain("_miroir", tasks.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_miroir", settings.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_miroir", filterable.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReservedField_NotFilterableError_ListsOnlyTheClientsAttributes()
    {
        await using var cluster = await StartAsync();

        var post = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/search", """{"filter":"title = x"}""");
        var get = await cluster.SendJsonAsync(HttpMethod.Get, "/indexes/movies/search?filter=title%20EXISTS");
        var fetch = await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents/fetch", """{"filter":"title = x"}""");

        foreach (var (status, body, _) in new[] { post, get, fetch })
        {
            Assert.True(status == 400, body.GetRawText());
            Assert.DoesNotContain("_miroir", body.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("reserved", body.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("Available filterable attributes are: `genre`.", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static async Task<MiroirClusterFixture> StartAsync()
    {
        var cluster = await MiroirClusterFixture.StartAsync();
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"movies","primaryKey":"id"}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Patch, "/indexes/movies/settings", """{"filterableAttributes":["genre"]}""")));
        await cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes/movies/documents",
            """[{"id":1,"title":"a","genre":"x"},{"id":2,"title":"b","genre":"y"}]""")));
        return cluster;
    }
}
