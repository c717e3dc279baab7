namespace Miroir.Drills.Tests.Harness;

/// <summary>What clients see of the packages index (count, exact total, a search) before a topology change, to compare after it.</summary>
public sealed class Snapshot
{
    private const string Query = "library";

    private Snapshot(long documents, long hits) => (Documents, Hits) = (documents, hits);

    public long Documents { get; }

    public long Hits { get; }

    public static async Task<Snapshot> TakeAsync(DrillCluster cluster, int seeded)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var count = await cluster.Api.CountAsync(Seed.Index).ConfigureAwait(false);
        var search = await cluster.Api.SearchAsync(Seed.Index, Query).ConfigureAwait(false);
        if (count != seeded || search.Status != 200 || search.Degraded is not null)
        {
            throw new InvalidOperationException($"before the drill: count {count} of {seeded}, search {search}");
        }

        return new Snapshot(count, search.EstimatedTotalHits);
    }

    /// <summary>Asserts the count, every rotation's document total and the search hits are as before.</summary>
    public async Task AssertSameAsync(DrillCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Assert.Equal(Documents, await cluster.Api.CountAsync(Seed.Index).ConfigureAwait(false));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Documents, await cluster.Api.ListTotalAsync(Seed.Index).ConfigureAwait(false));
            var search = await cluster.Api.SearchAsync(Seed.Index, Query).ConfigureAwait(false);
            Assert.True(search.Status == 200 && search.EstimatedTotalHits == Hits && search.Degraded is null,
                $"expected {Hits} hits: {search}\n{cluster.Describe()}");
        }
    }
}
