using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Routing;

namespace Miroir.Proxy.Tests.Routing;

/// <summary>Helpers that route a payload and check the result against independently computed owners.</summary>
internal static class RoutingAssertions
{
    public static RoutedBatch Route(string body, DocumentFormat format = DocumentFormat.Json, string primaryKey = "id", WriteRouteTable? table = null, IEnumerable<string>? reserved = null, long? updatedAt = null) =>
        DocumentBatchRouter.Route(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)), format, table ?? TestRouteTables.Table(), new DocumentRoutingOptions(primaryKey, reserved), updatedAt);

    /// <summary>Every node body parsed back: (node, raw text of each document).</summary>
    public static List<(int Node, string Raw, JsonElement Doc)> Outputs(RoutedBatch batch)
    {
        var result = new List<(int, string, JsonElement)>();
        for (var node = 0; node < batch.NodeCount; node++)
        {
            var body = batch.BodyFor(node);
            Assert.Equal(batch.HasDocuments(node), !body.IsEmpty);
            if (body.IsEmpty)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(body);
            Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
            Assert.Equal(batch.DocumentCount(node), doc.RootElement.GetArrayLength());
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                result.Add((node, element.GetRawText(), element.Clone()));
            }
        }

        return result;
    }

    /// <summary>Canonical id as the router must compute it: integers in decimal, strings as is.</summary>
    public static string CanonicalId(JsonElement id) =>
        id.ValueKind == JsonValueKind.Number ? id.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : id.GetString()!;

    /// <summary>Asserts each input document went to exactly its owners with its bytes intact plus the shard field.</summary>
    public static void AssertRoutedExactly(IReadOnlyList<string> inputDocs, RoutedBatch batch, int shards = 12, int nodes = 3, int rf = 2, string primaryKey = "id")
    {
        var owners = TestRouteTables.Owners(shards, nodes, rf);
        var outputs = Outputs(batch);
        var expected = new List<(int Node, string Raw)>();
        var shardCounts = new int[shards];
        foreach (var raw in inputDocs)
        {
            using var doc = JsonDocument.Parse(raw);
            var shard = TestRouteTables.ShardOf(CanonicalId(doc.RootElement.GetProperty(primaryKey)), shards);
            shardCounts[shard]++;
            var trimmed = raw.TrimEnd();
            var injected = trimmed[..^1] + ",\"_miroir_shard\":" + shard + "}";
            foreach (var node in owners[shard])
            {
                expected.Add((node, injected));
            }
        }

        var actual = outputs.Select(o => (o.Node, o.Raw)).ToList();
        Assert.Equal(expected.OrderBy(x => x.Node).ThenBy(x => x.Raw, StringComparer.Ordinal), actual.OrderBy(x => x.Node).ThenBy(x => x.Raw, StringComparer.Ordinal));
        Assert.Equal(inputDocs.Count, batch.TotalDocuments);
        Assert.Equal(shardCounts, batch.ShardCounts.ToArray());
    }

    public static DocumentRoutingException Fails(string body, DocumentFormat format = DocumentFormat.Json, IEnumerable<string>? reserved = null) =>
        Assert.Throws<DocumentRoutingException>(() => Route(body, format, reserved: reserved).Dispose());
}
