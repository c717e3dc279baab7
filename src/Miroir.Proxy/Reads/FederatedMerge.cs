using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Federated multi-search: each query runs through the sharded search path for the first offset+limit hits
/// (scores kept), then all hits are ordered by <c>_rankingScore × federationOptions.weight</c> (ties: query
/// position, then rank inside the query), a document found by several queries of its index listed once (at its best
/// place), and each gets Meilisearch's <c>_federation</c> object. <c>estimatedTotalHits</c> is the sum of the queries'
/// totals: a document several queries match counts once per query (one node counts it once).
/// </summary>
/// <remarks><c>facetsByIndex</c>/<c>mergeFacets</c> come from <see cref="FederatedFacets"/>. Not supported yet: cross-index sort values.</remarks>
internal static class FederatedMerge
{
    public static async Task<ReadOutcome> RunAsync(ReadCluster cluster, (ReadIndex Index, SearchQuery Query)[] queries,
        List<ClientBody> bodies, ClientBody federation, long started, CancellationToken cancellationToken)
    {
        var paged = federation.Has("page") || federation.Has("hitsPerPage");
        var ok = TryInt(federation, "offset", 0, out var offset) & TryInt(federation, "limit", 20, out var limit)
            & TryInt(federation, "page", 1, out var page) & TryInt(federation, "hitsPerPage", 20, out var hitsPerPage);
        if (!ok)
        {
            return new ReadOutcome(400, ReadResponse.Error("invalid_multi_search_federation_options", "invalid_request",
                "Invalid value in `.federation`: offset, limit, page and hitsPerPage must be non-negative integers."), []);
        }

        var skip = paged ? (page <= 0 ? 0 : (page - 1) * hitsPerPage) : offset;
        var take = paged ? (page <= 0 ? 0 : hitsPerPage) : limit;
        var window = skip + take;
        var weights = new double[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            weights[i] = Weight(bodies[i]);
        }

        var facetRun = FederatedFacets.RunAsync(cluster, queries, federation, cancellationToken);
        var results = await Task.WhenAll(queries.Select(q => SearchExecution.RunAsync(cluster, q.Index, q.Query.ForFederation(window), started, cancellationToken)))
            .ConfigureAwait(false);
        var (facets, refusal) = await facetRun.ConfigureAwait(false);
        var hits = new List<FederatedHit>();
        long total = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].IsSuccess)
            {
                return new ReadOutcome(results[i].Status, ReadResponse.PrefixMessage(results[i].Body.Span,
                    $"Inside `.queries[{i.ToString(CultureInfo.InvariantCulture)}]`: "), []);
            }

            total += FederatedHit.Collect(results[i].Body, i, weights[i], queries[i].Index.PrimaryKey, hits);
        }

        if (refusal is { } refused)
        {
            return refused;
        }

        // Stable: equal weighted scores keep query order, then rank inside the query.
        hits.Sort(static (a, b) => a.Weighted != b.Weighted ? b.Weighted.CompareTo(a.Weighted)
            : a.Query != b.Query ? a.Query.CompareTo(b.Query) : a.Rank.CompareTo(b.Rank));
        var seen = new HashSet<(string Index, string Key)>();
        hits.RemoveAll(h => h.Key is { } key && !seen.Add((queries[h.Query].Index.Uid, key)));
        var output = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("hits"u8);
            for (var h = skip; h < hits.Count && h < window; h++)
            {
                var hit = hits[h];
                hit.Write(writer, queries[hit.Query].Index.Uid, queries[hit.Query].Query.ShowRankingScore);
            }

            writer.WriteEndArray();
            writer.WriteNumber("processingTimeMs"u8, (long)cluster.Time.GetElapsedTime(started).TotalMilliseconds);
            if (paged)
            {
                writer.WriteNumber("hitsPerPage"u8, hitsPerPage);
                writer.WriteNumber("page"u8, page);
                writer.WriteNumber("totalPages"u8, hitsPerPage == 0 ? 0 : (total + hitsPerPage - 1) / hitsPerPage);
                writer.WriteNumber("totalHits"u8, total);
            }
            else
            {
                writer.WriteNumber("limit"u8, limit);
                writer.WriteNumber("offset"u8, offset);
                writer.WriteNumber("estimatedTotalHits"u8, total);
            }

            facets?.Write(writer);
            writer.WriteEndObject();
        }

        var degraded = results.SelectMany(r => r.DegradedShards).Concat(facets?.Degraded ?? []).Distinct().Order().ToArray();
        return new ReadOutcome(200, output.WrittenMemory, degraded);
    }

    private static double Weight(ClientBody query)
    {
        if (ClientBody.TryParse(query.GetMemory("federationOptions")) is { } options)
        {
            var reader = new Utf8JsonReader(options.Get("weight"));
            if (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                return reader.GetDouble();
            }
        }

        return 1.0;
    }

    private static bool TryInt(ClientBody body, string name, int fallback, out int value)
    {
        value = fallback;
        var raw = body.Get(name);
        return JsonValues.IsNullOrAbsent(raw) || JsonValues.TryGetNonNegativeInt(raw, out value);
    }
}
