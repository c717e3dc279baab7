namespace Miroir.Drills.Tests.Harness;

/// <summary>Creates the packages index and loads documents into it with every node up, before a drill breaks anything.</summary>
public static class Seed
{
    public const string Index = "packages";

    /// <returns>The number of documents the index holds.</returns>
    public static async Task<int> PackagesAsync(DrillCluster cluster, int documents)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await cluster.Api.CreateIndexAsync(Index, "id").ConfigureAwait(false);
        var writes = new AckedWrites();
        foreach (var batch in Dataset.Packages(documents).Batches(500))
        {
            if (!await writes.SendAsync(cluster.Api, Index, batch).ConfigureAwait(false))
            {
                throw new InvalidOperationException("seed batch refused with every node up\n" + cluster.Describe());
            }
        }

        var (statuses, _) = await writes.WaitAllAsync(cluster.Api, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (statuses.Values.Any(s => s != "succeeded"))
        {
            throw new InvalidOperationException("seed tasks did not all succeed\n" + cluster.Describe());
        }

        return documents;
    }
}
