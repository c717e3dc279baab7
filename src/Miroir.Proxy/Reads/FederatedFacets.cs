using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Miroir.Core.Configuration;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Reads;

/// <summary>
/// <c>federation.facetsByIndex</c> and <c>federation.mergeFacets</c> across shards. For each queried index named in
/// <c>facetsByIndex</c>, the covering set is asked a federated multi-search of that index's queries (limit 0, filters
/// restricted to each node's shards): each node counts the union of those queries' matches among its shards, so the
/// sums over disjoint shards are the counts of one node holding everything. Stats take the min of mins and max of maxes.
/// With <c>mergeFacets</c> the indexes' distributions are summed again into <c>facetDistribution</c>/<c>facetStats</c>.
/// </summary>
internal sealed class FederatedFacets
{
    private readonly List<(ReadIndex Index, FacetTotals Totals)> _indexes = [];

    private FederatedFacets(int? mergeMaxValues, bool merge)
    {
        MergeMaxValues = mergeMaxValues;
        Merge = merge;
    }

    /// <summary>Shards no replica answered for, over every facet scatter.</summary>
    public List<int> Degraded { get; } = [];

    private bool Merge { get; }

    private int? MergeMaxValues { get; }

    /// <summary>Asks the nodes; no facets when the federation asks for none, or a node's refusal to relay.</summary>
    public static async Task<(FederatedFacets? Facets, ReadOutcome? Refusal)> RunAsync(ReadCluster cluster,
        (ReadIndex Index, SearchQuery Query)[] queries, ClientBody federation, CancellationToken cancellationToken)
    {
        var byIndex = federation.GetMemory("facetsByIndex");
        if (JsonValues.IsNullOrAbsent(byIndex.Span))
        {
            return (null, null);
        }

        var merge = federation.GetMemory("mergeFacets");
        var facets = new FederatedFacets(MaxValues(merge.Span), !JsonValues.IsNullOrAbsent(merge.Span));
        using var wanted = JsonDocument.Parse(byIndex);
        if (wanted.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        // Like the engine, indexes in uid order; an index named but not queried contributes nothing.
        foreach (var entry in wanted.RootElement.EnumerateObject().OrderBy(static e => e.Name, StringComparer.Ordinal))
        {
            var members = queries.Where(q => q.Index.Uid == entry.Name).ToArray();
            if (members.Length == 0 || entry.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var index = members[0].Index;
            var list = entry.Value.GetRawText();
            using var result = await Scatter.RunAsync(cluster, index, t => NodeCall.Post("/multi-search", NodeBody(index.Uid, list, members, t.Restriction)),
                null, cancellationToken).ConfigureAwait(false);
            if (result.Rejection is { } rejection)
            {
                return (null, new ReadOutcome(rejection.Status, rejection.Body.ToArray(), []));
            }

            if (result.IsIncomplete && cluster.Scatter.UnavailableShardPolicy == UnavailableShardPolicy.Error)
            {
                return (null, new ReadOutcome(503, ReadResponse.ShardUnavailable(result.UncoveredShards), result.UncoveredShards));
            }

            facets.Degraded.AddRange(result.DegradedShards);
            var totals = new FacetTotals();
            foreach (var reply in result.Replies)
            {
                Add(totals, reply.Memory, index.Uid);
            }

            facets._indexes.Add((index, totals));
        }

        return (facets, null);
    }

    /// <summary>Writes <c>facetsByIndex</c>, or with <c>mergeFacets</c> the merged <c>facetDistribution</c> and <c>facetStats</c>.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        if (_indexes.Count == 0)
        {
            return;
        }

        if (!Merge)
        {
            writer.WriteStartObject("facetsByIndex"u8);
            foreach (var (index, totals) in _indexes)
            {
                writer.WriteStartObject(index.Uid);
                totals.WriteDistribution(writer, "distribution"u8, index.Facets.OrderOf, index.Facets.MaxValuesPerFacet);
                totals.WriteStats(writer, "stats"u8);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            return;
        }

        var merged = new FacetTotals();
        foreach (var (index, totals) in _indexes)
        {
            merged.Add(totals, index.Facets);
        }

        // The engine requires every index to order a merged facet alike; the first index's order stands for them.
        merged.WriteDistribution(writer, "facetDistribution"u8, _indexes[0].Index.Facets.OrderOf, MergeMaxValues ?? int.MaxValue, merged: true);
        merged.WriteStats(writer, "facetStats"u8, merged: true);
    }

    private static byte[] NodeBody(string uid, string facets, (ReadIndex Index, SearchQuery Query)[] members, string? restriction)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("federation"u8);
            writer.WriteNumber("limit"u8, 0);
            writer.WriteStartObject("facetsByIndex"u8);
            writer.WritePropertyName(uid);
            writer.WriteRawValue(facets, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("queries"u8);
            foreach (var (_, query) in members)
            {
                query.WriteFederatedMember(writer, uid, restriction);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Add(FacetTotals totals, ReadOnlyMemory<byte> body, string uid)
    {
        using var reply = JsonDocument.Parse(body);
        if (reply.RootElement.TryGetProperty("facetsByIndex", out var byIndex) && byIndex.ValueKind == JsonValueKind.Object
            && byIndex.TryGetProperty(uid, out var facets) && facets.ValueKind == JsonValueKind.Object)
        {
            if (facets.TryGetProperty("distribution", out var distribution) && distribution.ValueKind == JsonValueKind.Object)
            {
                totals.AddDistribution(JsonMarshal.GetRawUtf8Value(distribution));
            }

            if (facets.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
            {
                totals.AddStats(JsonMarshal.GetRawUtf8Value(stats));
            }
        }
    }

    private static int? MaxValues(ReadOnlySpan<byte> mergeFacets)
    {
        if (JsonValues.IsNullOrAbsent(mergeFacets))
        {
            return null;
        }

        var reader = new Utf8JsonReader(mergeFacets);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMax = reader.ValueTextEquals("maxValuesPerFacet"u8);
            reader.Read();
            if (isMax && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var max))
            {
                return max;
            }

            reader.Skip();
        }

        return null;
    }
}
