using System.Globalization;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// Reads documents of one shard from one replica through <c>POST /indexes/{uid}/documents/fetch</c>, page by page
/// (all fields, so the content hash covers the whole document), and hands each page's raw document slices on.
/// </summary>
internal sealed class ReplicaPager(NodeClient node, string uid, ReadThrottle throttle)
{
    private readonly string _path = "indexes/" + Uri.EscapeDataString(uid) + "/documents/fetch";

    public NodeClient Node => node;

    /// <summary>Pages through <c>_miroir_shard = shard</c>; returns null when every page was read, else why not.</summary>
    public async Task<string?> ReadShardAsync(int shard, int pageSize, Action<byte[], List<Range>> onPage, CancellationToken ct)
    {
        var filter = "_miroir_shard = " + shard.ToString(CultureInfo.InvariantCulture);
        var documents = new List<Range>(pageSize);
        for (var offset = 0; ; offset += pageSize)
        {
            var body = JsonBytes.Write((filter, offset, pageSize), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteString("filter", s.filter);
                w.WriteNumber("offset", s.offset);
                w.WriteNumber("limit", s.pageSize);
                w.WriteBoolean("retrieveVectors", true);
                w.WriteEndObject();
            });
            var (page, failure) = await FetchAsync(body, documents, false, ct).ConfigureAwait(false);
            if (page is null)
            {
                return failure;
            }

            if (documents.Count == 0)
            {
                return null;
            }

            onPage(page, documents);
            if (documents.Count < pageSize)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Fetches the documents with these ids (raw JSON tokens), only those matching <paramref name="filter"/> (raw JSON)
    /// when given; returns null on success, else why not. A filter the node refuses (400) matches nothing.
    /// </summary>
    public async Task<string?> ReadIdsAsync(IReadOnlyList<string> pkJson, string? filter, Action<byte[], List<Range>> onPage, CancellationToken ct)
    {
        var body = JsonBytes.Write((pkJson, filter), static (w, s) =>
        {
            var (ids, filter) = s;
            w.WriteStartObject();
            if (filter is not null)
            {
                w.WritePropertyName("filter");
                w.WriteRawValue(filter, skipInputValidation: true);
            }

            w.WriteStartArray("ids");
            foreach (var id in ids)
            {
                w.WriteRawValue(id, skipInputValidation: true);
            }

            w.WriteEndArray();
            w.WriteNumber("limit", ids.Count);

            // User-provided embeddings are part of the document: a repair must write them back too.
            w.WriteBoolean("retrieveVectors", true);
            w.WriteEndObject();
        });
        var documents = new List<Range>(pkJson.Count);
        var (page, failure) = await FetchAsync(body, documents, filter is not null, ct).ConfigureAwait(false);
        if (page is not null && documents.Count > 0)
        {
            onPage(page, documents);
        }

        return failure;
    }

    private async Task<(byte[]? Page, string? Failure)> FetchAsync(byte[] body, List<Range> documents, bool refusedIsEmpty, CancellationToken ct)
    {
        documents.Clear();
        var response = await throttle.RunAsync(c => node.SendAsync(HttpMethod.Post, _path, body, "application/json", c), ct).ConfigureAwait(false);
        if (refusedIsEmpty && response.Status == 400)
        {
            return ([], null);
        }

        if (!response.IsSuccess)
        {
            return (null, response.Failure ?? $"node `{node.Id}` answered {response.Status}: {System.Text.Encoding.UTF8.GetString(response.Body)}");
        }

        return ResultSlices.Find(response.Body, documents) ? (response.Body, null) : (null, $"node `{node.Id}` answered a page without `results`");
    }
}
