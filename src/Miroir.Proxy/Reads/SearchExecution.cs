using System.Buffers;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Reads;

/// <summary>One search end to end: scatter the rewritten query over a covering set, relay refusals, merge (spec §4).</summary>
internal static class SearchExecution
{
    /// <param name="started">Timestamp (<see cref="ReadCluster.Time"/>) of the client request, for <c>processingTimeMs</c>.</param>
    public static async Task<ReadOutcome> RunAsync(ReadCluster cluster, ReadIndex index, SearchQuery query, long started,
        CancellationToken cancellationToken)
    {
        var uid = index.Uid;
        query.CheckReservedFields(index);
        if (!query.Understood)
        {
            return await NodeRelay.RelayOriginalAsync(cluster, index, () => query.NodeRequest(uid, null, original: true), cancellationToken)
                .ConfigureAwait(false);
        }

        using var result = await Scatter.RunAsync(cluster, index, t => query.NodeRequest(uid, t.Restriction), query.RouteKey(),
            cancellationToken).ConfigureAwait(false);
        if (result.Rejection is { } rejection)
        {
            return await NodeRelay.RelayRejectionAsync(cluster, index, rejection, () => query.NodeRequest(uid, null, original: true),
                cancellationToken).ConfigureAwait(false);
        }

        if (result.IsIncomplete && cluster.Scatter.UnavailableShardPolicy == UnavailableShardPolicy.Error)
        {
            return new ReadOutcome(503, ReadResponse.ShardUnavailable(result.UncoveredShards), result.UncoveredShards);
        }

        var bodies = new ReadOnlyMemory<byte>[result.Replies.Count];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = result.Replies[i].Memory;
        }

        var output = new ArrayBufferWriter<byte>(1024);
        try
        {
            var elapsed = (long)cluster.Time.GetElapsedTime(started).TotalMilliseconds;
            SearchResultMerger.Merge(bodies, query.ToMergeRequest(index, elapsed), output);
        }
        catch (JsonException)
        {
            return new ReadOutcome(502, ReadResponse.Error("internal", "internal", "A node answered with an unreadable search response."), []);
        }

        return new ReadOutcome(200, output.WrittenMemory, result.DegradedShards);
    }
}
