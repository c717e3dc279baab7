using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Reads;

/// <summary>
/// <c>POST /multi-search</c>: plain (<c>queries</c> → <c>results</c> in input order, each through the search path)
/// or federated (<c>federation</c> → one hit list, see <see cref="FederatedMerge"/>).
/// </summary>
internal static class MultiSearchRoutes
{
    public static async Task PostAsync(HttpContext ctx, ReadCluster cluster)
    {
        var started = cluster.Time.GetTimestamp();
        var raw = await RequestBodies.ReadAsync(ctx).ConfigureAwait(false);
        var outcome = await RunAsync(cluster, ctx.ClusterView(), raw, started, ctx.RequestAborted).ConfigureAwait(false);
        await SearchRoutes.WriteAsync(ctx, outcome).ConfigureAwait(false);
    }

    private static async Task<ReadOutcome> RunAsync(ReadCluster cluster, ClusterView view, byte[] raw, long started, CancellationToken cancellationToken)
    {
        var queries = Parse(raw, out var federation);
        if (queries is null)
        {
            // Malformed: any node answers with Meilisearch's exact message (it holds every index).
            var any = ReadIndex.All(view);
            return any.Count == 0
                ? new ReadOutcome(400, ReadResponse.Error("bad_request", "invalid_request", "Invalid multi-search request."), [])
                : await NodeRelay.RelayOriginalAsync(cluster, any[0], () => NodeCall.Post("/multi-search", raw), cancellationToken).ConfigureAwait(false);
        }

        var resolved = new (ReadIndex Index, SearchQuery Query)[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            JsonValues.TryGetString(queries[i].Get("indexUid"), out var uid);
            if (uid is null || ReadIndex.Find(view, uid) is not { } index)
            {
                return new ReadOutcome(404, ReadResponse.Error("index_not_found", "invalid_request",
                    $"Inside `.queries[{i.ToString(CultureInfo.InvariantCulture)}]`: Index `{uid}` not found."), []);
            }

            var query = SearchQuery.Parse(queries[i], index.MaxTotalHits);
            try
            {
                query.CheckReservedFields(index);
            }
            catch (MeiliException e)
            {
                throw new MeiliException(e.Code, $"Inside `.queries[{i.ToString(CultureInfo.InvariantCulture)}]`: {e.Message}");
            }

            resolved[i] = (index, query);
        }

        if (federation is { } fed)
        {
            return await FederatedMerge.RunAsync(cluster, resolved, queries, fed, started, cancellationToken).ConfigureAwait(false);
        }

        var results = await Task.WhenAll(resolved.Select(r => SearchExecution.RunAsync(cluster, r.Index, r.Query, started, cancellationToken)))
            .ConfigureAwait(false);
        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].IsSuccess)
            {
                return new ReadOutcome(results[i].Status, ReadResponse.PrefixMessage(results[i].Body.Span,
                    $"Inside `.queries[{i.ToString(CultureInfo.InvariantCulture)}]`: "), []);
            }
        }

        var output = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results"u8);
            for (var i = 0; i < results.Length; i++)
            {
                // indexUid goes first, then the merged response's members as they are (a raw splice).
                var body = results[i].Body.Span;
                var uid = JsonEncodedText.Encode(resolved[i].Index.Uid).EncodedUtf8Bytes;
                var item = new ArrayBufferWriter<byte>(body.Length + uid.Length + 16);
                item.Write("{\"indexUid\":\""u8);
                item.Write(uid);
                item.Write("\""u8);
                item.Write(body.Length > 2 ? ","u8 : ReadOnlySpan<byte>.Empty);
                item.Write(body[1..]);
                writer.WriteRawValue(item.WrittenSpan, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var degraded = results.SelectMany(r => r.DegradedShards).Distinct().Order().ToArray();
        return new ReadOutcome(200, output.WrittenMemory, degraded);
    }

    /// <summary>The query objects and the raw <c>federation</c> object (null for a plain multi-search); null when malformed.</summary>
    private static List<ClientBody>? Parse(byte[] raw, out ClientBody? federation)
    {
        federation = null;
        if (ClientBody.TryParse(raw) is not { } root)
        {
            return null;
        }

        var fed = root.GetMemory("federation");
        if (!JsonValues.IsNullOrAbsent(fed.Span))
        {
            federation = ClientBody.TryParse(fed);
            if (federation is null)
            {
                return null;
            }
        }

        var array = root.GetMemory("queries");
        if (array.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(array.Span);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var queries = new List<ClientBody>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (ClientBody.TryParse(array[start..(int)reader.BytesConsumed]) is not { } query)
            {
                return null;
            }

            queries.Add(query);
        }

        return queries;
    }
}
