using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Merging;
using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// One client search, read once from its body: what merging needs (query, paging, score flags, sort) and how to
/// write each node's rewritten body (offset 0, limit offset+limit, scores on, filter restricted to the node's shards).
/// </summary>
/// <remarks>A body this reader does not understand (wrong types) is not rewritten: it goes to one node unchanged so
/// the client gets Meilisearch's own validation error (<see cref="Understood"/> false).</remarks>
internal sealed partial class SearchQuery
{
    // Written by the rewrite itself, or only meaningful to the orchestrator (multi-search members).
    private static readonly HashSet<string> Replaced = new(StringComparer.Ordinal)
    {
        "offset", "limit", "page", "hitsPerPage", "showRankingScore", "showRankingScoreDetails", "filter",
        "indexUid", "federationOptions",
    };

    private int _maxTotalHits = int.MaxValue;

    private SearchQuery(ClientBody body) => Body = body;

    public ClientBody Body { get; }

    public bool Understood { get; private set; } = true;

    public string Query { get; private set; } = "";

    public SearchPaging Paging { get; private set; } = SearchPaging.OffsetLimit(0, 20);

    public bool ShowRankingScore { get; private set; }

    public bool ShowRankingScoreDetails { get; private set; }

    public List<string>? Sort { get; private set; }

    /// <summary>A hybrid search: nodes are asked for score details, which mark the hits the vector side ranked.</summary>
    public bool IsHybrid { get; private set; }

    /// <summary>The hybrid <c>semanticRatio</c> (0.5 when not given).</summary>
    public double SemanticRatio { get; private set; } = 0.5;

    /// <summary>Hits each node must return: every hit that can land in the client's window, capped by maxTotalHits.</summary>
    public int NodeLimit => Math.Min(Paging.NodeLimit, _maxTotalHits);

    public static SearchQuery Parse(ClientBody body, int maxTotalHits)
    {
        var q = new SearchQuery(body) { _maxTotalHits = maxTotalHits };
        q.Understood = JsonValues.TryGetString(body.Get("q"), out var text)
            & TryFlag(body, "showRankingScore", out var score)
            & TryFlag(body, "showRankingScoreDetails", out var details)
            & JsonValues.TryGetStrings(body.Get("sort"), out var sort)
            & TryPaging(body, maxTotalHits, out var paging);
        q.Query = text ?? "";
        q.ShowRankingScore = score;
        q.ShowRankingScoreDetails = details;
        q.Sort = sort is { Count: > 0 } ? sort : null;
        q.Paging = paging;
        q.IsHybrid = !JsonValues.IsNullOrAbsent(body.Get("hybrid"));
        q.SemanticRatio = JsonValues.NumberMember(body.Get("hybrid"), "semanticRatio"u8) ?? 0.5;
        return q;
    }

    /// <summary>
    /// The same query asked for the first <paramref name="window"/> hits with scores kept: a federated search
    /// merges the per-query results by weighted <c>_rankingScore</c> and strips it afterwards if not asked for.
    /// </summary>
    public SearchQuery ForFederation(int window) => new(Body)
    {
        _maxTotalHits = _maxTotalHits,
        Understood = Understood,
        Query = Query,
        Paging = SearchPaging.OffsetLimit(0, window),
        ShowRankingScore = true,
        ShowRankingScoreDetails = ShowRankingScoreDetails,
        Sort = Sort,
        IsHybrid = IsHybrid,
        SemanticRatio = SemanticRatio,
    };

    /// <summary>Writes the node's body; <paramref name="restriction"/> null sends the client's filter unchanged.</summary>
    public void WriteNodeBody(IBufferWriter<byte> output, string? restriction, int? limitOverride = null)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        Body.WriteProperties(writer, static name => Replaced.Contains(name));
        var limit = limitOverride ?? NodeLimit;
        if (Paging.IsPaged)
        {
            writer.WriteNumber("page"u8, 1);
            writer.WriteNumber("hitsPerPage"u8, limit);
        }
        else
        {
            writer.WriteNumber("offset"u8, 0);
            writer.WriteNumber("limit"u8, limit);
        }

        writer.WriteBoolean("showRankingScore"u8, true);
        if (ShowRankingScoreDetails || Sort is not null || IsHybrid)
        {
            writer.WriteBoolean("showRankingScoreDetails"u8, true);
        }

        var filter = Body.Get("filter");
        if (restriction is not null || !filter.IsEmpty)
        {
            writer.WritePropertyName("filter"u8);
            ShardFilter.Write(writer, filter, restriction);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes this query as a member of a node's federated multi-search on <paramref name="uid"/> (no paging, filter
    /// restricted to the node's shards): the orchestrator asks nodes for <c>facetsByIndex</c> this way.
    /// </summary>
    public void WriteFederatedMember(Utf8JsonWriter writer, string uid, string? restriction)
    {
        writer.WriteStartObject();
        Body.WriteProperties(writer, static name => Replaced.Contains(name));
        writer.WriteString("indexUid"u8, uid);
        var filter = Body.Get("filter");
        if (restriction is not null || !filter.IsEmpty)
        {
            writer.WritePropertyName("filter"u8);
            ShardFilter.Write(writer, filter, restriction);
        }

        writer.WriteEndObject();
    }

    /// <summary>The request to one node: rewritten for <paramref name="restriction"/>, or the client's own request
    /// unchanged when <paramref name="original"/> (to relay Meilisearch's validation errors exactly).</summary>
    public NodeRequest NodeRequest(string uid, string? restriction, bool original = false, int? limitOverride = null)
    {
        var path = "/indexes/" + Uri.EscapeDataString(uid) + "/search";
        if (original)
        {
            return _params is not null ? NodeCall.Get(path + _originalQuery) : NodeCall.Post(path, OriginalBody());
        }

        NodeRequest request;
        if (_params is not null)
        {
            request = NodeCall.Get(path + NodeQueryString(restriction, limitOverride ?? NodeLimit));
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>(Body.Raw.Length + 128);
            WriteNodeBody(buffer, restriction, limitOverride);
            request = NodeCall.Post(path, buffer.WrittenSpan.ToArray());
        }

        return NodeTieBreak.Ask(request);
    }

    /// <summary>The client's body as it came, less the multi-search members a single-index search refuses as unknown.</summary>
    private byte[] OriginalBody() => !Body.Has("indexUid") && !Body.Has("federationOptions")
        ? Body.Raw.ToArray()
        : Http.JsonBytes.Write(Body, static (w, body) =>
        {
            w.WriteStartObject();
            body.WriteProperties(w, static name => name is "indexUid" or "federationOptions");
            w.WriteEndObject();
        });

    /// <summary>Refuses a filter, facet list or distinct naming a reserved field before any node is asked (<see cref="ReservedFilterGuard"/>).</summary>
    public void CheckReservedFields(ReadIndex index)
    {
        if (_params is not null)
        {
            ReservedFilterGuard.CheckQuery(_params["filter"].ToString(), index, Meili.Errors.ErrorCode.InvalidSearchFilter);
            ReservedFilterGuard.CheckFacets(default, _params["facets"].ToString(), index);
            ReservedFilterGuard.CheckDistinct(default, _params["distinct"].ToString(), index);
        }
        else
        {
            ReservedFilterGuard.Check(Body.Get("filter"), index, Meili.Errors.ErrorCode.InvalidSearchFilter);
            ReservedFilterGuard.CheckFacets(Body.Get("facets"), null, index);
            ReservedFilterGuard.CheckDistinct(Body.Get("distinct"), null, index);
        }
    }

    /// <summary>
    /// Picks the group and replicas for this query: a hash of everything but the paging, so every page of one
    /// query is merged from the same nodes when they are healthy. Page order does not depend on it (equal hits go
    /// by primary key, <see cref="NodeTieBreak"/>), but with nodes that cannot order by primary key it keeps pages
    /// stable. Different queries still spread over all replicas.
    /// </summary>
    public ulong RouteKey()
    {
        var hash = new XxHash64();
        if (_params is not null)
        {
            foreach (var (name, values) in _params)
            {
                if (name is not ("offset" or "limit" or "page" or "hitsPerPage"))
                {
                    hash.Append(Encoding.UTF8.GetBytes(name + "=" + values.ToString() + "&"));
                }
            }
        }
        else
        {
            Body.Hash(hash, static name => name is "offset" or "limit" or "page" or "hitsPerPage");
        }

        return hash.GetCurrentHashAsUInt64();
    }

    public SearchMergeRequest ToMergeRequest(ReadIndex index, long processingTimeMs) => new()
    {
        Query = Query,
        Paging = Paging,
        ShowRankingScore = ShowRankingScore,
        ShowRankingScoreDetails = ShowRankingScoreDetails,
        Sort = Sort,
        PrimaryKey = index.PrimaryKey,
        ProcessingTimeMs = processingTimeMs,
        Facets = index.Facets,
        MaxTotalHits = index.MaxTotalHits,
        CountSemanticHits = IsHybrid,
        SemanticRatio = SemanticRatio,
    };

    private static bool TryFlag(ClientBody body, string name, out bool value)
    {
        value = false;
        var raw = body.Get(name);
        return JsonValues.IsNullOrAbsent(raw) || JsonValues.TryGetBool(raw, out value);
    }

    // Meilisearch never returns hits past maxTotalHits, so the merged window is cut there too (each node cuts
    // its own list at the same bound, which is why the cap must be applied again after merging).
    private static bool TryPaging(ClientBody body, int maxTotalHits, out SearchPaging paging)
    {
        paging = SearchPaging.OffsetLimit(0, 20);
        var ok = TryInt(body, "offset", 0, out var offset) & TryInt(body, "limit", 20, out var limit)
            & TryInt(body, "page", 1, out var page) & TryInt(body, "hitsPerPage", 20, out var hitsPerPage);
        if (!ok)
        {
            return false;
        }

        if (body.Has("page") || body.Has("hitsPerPage"))
        {
            paging = SearchPaging.Pages(page, hitsPerPage);
            return true;
        }

        paging = SearchPaging.OffsetLimit(offset, (int)Math.Max(0, Math.Min(limit, (long)maxTotalHits - offset)));
        return true;
    }

    private static bool TryInt(ClientBody body, string name, int fallback, out int value)
    {
        var raw = body.Get(name);
        if (JsonValues.IsNullOrAbsent(raw))
        {
            value = fallback;
            return true;
        }

        return JsonValues.TryGetNonNegativeInt(raw, out value);
    }
}
