using System.Text;
using Miroir.Core.Configuration;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>
/// A real in-process cluster (<see cref="MiroirClusterFixture"/>) whose engine nodes each sit behind a
/// <see cref="DelayingProxy"/>, with an index of 120 documents loaded: tests slow down or fail one node's reads.
/// </summary>
internal sealed class SlowNodeCluster : IAsyncDisposable
{
    public const string Uid = "tail";

    private readonly DelayingProxy[] _relays;

    private SlowNodeCluster(MiroirClusterFixture cluster, DelayingProxy[] relays)
    {
        Cluster = cluster;
        _relays = relays;
    }

    public MiroirClusterFixture Cluster { get; }

    /// <summary>The relay in front of node <c>node-{i+1}</c>.</summary>
    public DelayingProxy Relay(int index) => _relays[index];

    public static async Task<SlowNodeCluster> StartAsync(int nodes, int replicationFactor, Func<MiroirConfig, MiroirConfig> configure)
    {
        var relays = new DelayingProxy[nodes];
        for (var i = 0; i < nodes; i++)
        {
            relays[i] = await DelayingProxy.StartAsync();
        }

        var cluster = await MiroirClusterFixture.StartAsync(nodes: nodes, replicationFactor: replicationFactor, shards: 12, configure: config =>
        {
            var routed = config.Nodes.Select((n, i) =>
            {
                relays[i].Upstream = n.Address.TrimEnd('/');
                return n with { Address = relays[i].Url.TrimEnd('/') };
            }).ToArray();
            return configure(config with { Nodes = routed });
        });
        var result = new SlowNodeCluster(cluster, relays);
        await result.LoadAsync();
        return result;
    }

    /// <summary>
    /// A search for <paramref name="q"/> (limit 200): the status and a canonical form of the answer (runs of equal
    /// score with their ids sorted, and the total), equal between two setups exactly when their results are.
    /// </summary>
    public async Task<(int Status, string Answer)> SearchAsync(string q)
    {
        var (status, body, response) = await Cluster.SendJsonAsync(HttpMethod.Post, $"/indexes/{Uid}/search",
            $$"""{"q":"{{q}}","limit":200,"showRankingScore":true}""");
        Assert.False(response.Headers.Contains("X-Miroir-Degraded"), "a read came back degraded");
        if (status != 200)
        {
            return (status, body.ToString());
        }

        var runs = ReadJson.ScoreGroups(body).Select(g => g.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ":"
            + string.Join(',', g.Ids.Order(StringComparer.Ordinal)));
        return (status, string.Join(';', runs) + " total=" + body.GetProperty("estimatedTotalHits").GetInt32());
    }

    public async Task<double> MetricAsync(string series) => AdminClient.Sample(await AdminClient.MetricsAsync(Cluster), series);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }
    }

    private async Task LoadAsync()
    {
        var created = await Cluster.SendJsonAsync(HttpMethod.Post, "/indexes", $$"""{"uid":"{{Uid}}","primaryKey":"id"}""");
        await Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(created));
        var docs = new StringBuilder("[");
        for (var i = 1; i <= 120; i++)
        {
            docs.Append(i == 1 ? "" : ",").Append("{\"id\":").Append(i).Append(",\"name\":\"item").Append(i)
                .Append(" colour").Append(i % 7).Append("\",\"rank\":").Append(i % 11).Append('}');
        }

        var added = await Cluster.SendJsonAsync(HttpMethod.Post, $"/indexes/{Uid}/documents", docs.Append(']').ToString());
        await Cluster.WaitForSuccessAsync(MiroirClusterFixture.TaskUidOf(added));
    }
}
