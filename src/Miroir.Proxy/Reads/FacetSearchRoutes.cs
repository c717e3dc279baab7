using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Core.Configuration;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// <c>POST /indexes/{uid}/facet-search</c>: scattered with the shard restriction, <c>facetHits</c> counts summed per
/// value as one node counts them (by the value's normalised form, <see cref="FacetKey"/>), ordered like the index's
/// <c>sortFacetValuesBy</c> for the facet (alpha by normalised form; count: highest first), cut at the
/// client-visible <c>maxValuesPerFacet</c>.
/// </summary>
internal static class FacetSearchRoutes
{
    public static async Task PostAsync(HttpContext ctx, ReadCluster cluster)
    {
        var started = cluster.Time.GetTimestamp();
        var uid = ctx.Request.RouteValues["uid"] as string ?? "";
        if (ReadIndex.Find(ctx.ClusterView(), uid) is not { } index)
        {
            await ReadResponse.IndexNotFoundAsync(ctx, uid).ConfigureAwait(false);
            return;
        }

        var raw = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/facet-search";
        Func<NodeRequest> original = () => NodeCall.Post(path, raw);
        var body = ClientBody.TryParse(raw);
        string? facetName = null;
        ReadOutcome outcome;
        if (body is null || !JsonValues.TryGetString(body.Get("facetName"), out facetName) || facetName is null)
        {
            outcome = await NodeRelay.RelayOriginalAsync(cluster, index, original, ctx.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            outcome = await RunAsync(cluster, index, body, facetName, path, original, started, ctx.RequestAborted).ConfigureAwait(false);
        }

        await SearchRoutes.WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    private static async Task<ReadOutcome> RunAsync(ReadCluster cluster, ReadIndex index, ClientBody body, string facetName,
        string path, Func<NodeRequest> original, long started, CancellationToken cancellationToken)
    {
        ReservedFilterGuard.Check(body.Get("filter"), index, Meili.Errors.ErrorCode.InvalidSearchFilter);
        using var result = await Scatter.RunAsync(cluster, index, t => NodeCall.Post(path, NodeBody(body, t.Restriction)),
            null, cancellationToken).ConfigureAwait(false);
        if (result.Rejection is { } rejection)
        {
            return await NodeRelay.RelayRejectionAsync(cluster, index, rejection, original, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsIncomplete && cluster.Scatter.UnavailableShardPolicy == UnavailableShardPolicy.Error)
        {
            return new ReadOutcome(503, ReadResponse.ShardUnavailable(result.UncoveredShards), result.UncoveredShards);
        }

        // Values merge and sort by their normalised form, as one node indexes them (`action` before `Sci Fi`).
        var counts = new Dictionary<string, long>(FacetKey.Comparer);
        foreach (var reply in result.Replies)
        {
            AddHits(reply.Memory.Span, counts);
        }

        var hits = counts.Select(static e => (e.Key, e.Value, Sort: FacetKey.Normalize(e.Key))).ToArray();
        if (index.Facets.OrderOf(facetName) == FacetValuesOrder.Count)
        {
            Array.Sort(hits, static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Sort, b.Sort));
        }
        else
        {
            Array.Sort(hits, static (a, b) => string.CompareOrdinal(a.Sort, b.Sort));
        }

        var output = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("facetHits"u8);
            var kept = Math.Min(hits.Length, Math.Max(0, index.Facets.MaxValuesPerFacet));
            for (var i = 0; i < kept; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("value"u8, hits[i].Key);
                writer.WriteNumber("count"u8, hits[i].Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WritePropertyName("facetQuery"u8);
            var facetQuery = body.Get("facetQuery");
            if (facetQuery.IsEmpty)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(facetQuery, skipInputValidation: true);
            }

            writer.WriteNumber("processingTimeMs"u8, (long)cluster.Time.GetElapsedTime(started).TotalMilliseconds);
            writer.WriteEndObject();
        }

        return new ReadOutcome(200, output.WrittenMemory, result.DegradedShards);
    }

    private static byte[] NodeBody(ClientBody body, string? restriction)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Raw.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body.WriteProperties(writer, static name => name == "filter");
            var filter = body.Get("filter");
            if (restriction is not null || !filter.IsEmpty)
            {
                writer.WritePropertyName("filter"u8);
                ShardFilter.Write(writer, filter, restriction);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AddHits(ReadOnlySpan<byte> body, Dictionary<string, long> counts)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isHits = reader.ValueTextEquals("facetHits"u8);
            reader.Read();
            if (!isHits || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                string? value = null;
                long count = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isValue = reader.ValueTextEquals("value"u8);
                    var isCount = reader.ValueTextEquals("count"u8);
                    reader.Read();
                    if (isValue && reader.TokenType == JsonTokenType.String)
                    {
                        value = reader.GetString();
                    }
                    else if (isCount && reader.TokenType == JsonTokenType.Number)
                    {
                        count = reader.GetInt64();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (value is not null)
                {
                    counts[value] = counts.GetValueOrDefault(value) + count;
                }
            }
        }
    }
}
