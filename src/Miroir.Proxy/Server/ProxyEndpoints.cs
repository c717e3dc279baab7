using Microsoft.AspNetCore.Builder;
using Miroir.Meili.Errors;
using Miroir.Proxy.Admin;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Batches;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Documents;
using Miroir.Proxy.Idempotency;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Reads;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Server;

/// <summary>Wires the orchestrator's whole HTTP surface onto a web application.</summary>
internal static class ProxyEndpoints
{
    public static void Map(WebApplication app, ProxyHost host)
    {
        // Scrapes on the open metrics port are not client requests: answered before they are counted.
        app.Use(new MetricsListener(host.Metrics, () => host.MetricsPort).InvokeAsync);
        app.Use(RequestView.Door(host.Cluster));
        app.Use(new RequestEnvelope(new RequestMetrics(host.Metrics), host.Logger).InvokeAsync);
        app.Use(new AdminKeyAuth(host.Config.Admin.Enabled, host.Config.Admin.ApiKey, host.Config.MasterKey).InvokeAsync);
        app.Use(new ClientAuthorizer(host.Keys, host.Time).InvokeAsync);
        app.Use(new SettingsVersionHeaders(host.Committer).InvokeAsync);
        app.Use(new FrozenIndexGate(host.SettingsDrift.Freeze).InvokeAsync);
        if (host.Config.Idempotency.Enabled)
        {
            // After authentication: a caller replays only answers of writes its key may make (same path, same body).
            app.Use(new IdempotencyGate(host.IdempotencyKeys, host.IdempotencyMetrics).InvokeAsync);
        }

        ServerRoutes.Map(app);
        new AdminRoutes(host.Metrics, host.Rebalancer, host.Health).Map(app);
        new TaskRoutes(host.Tasks, host.Cluster, host.Time).Map(app);
        new KeyRoutes(host.KeyCatalog, host.KeyReplicas).Map(app);
        new BatchRoutes(host.Tasks).Map(app);
        new ExperimentalFeatureRoutes(host.Broadcaster).Map(app);
        UnsupportedRoutes.Map(app);
        new IndexRoutes(host.Cluster, host.Tasks, host.Indexes, host.Tombstones, host.Creator, host.Broadcaster).Map(app);
        new SettingsRoutes(host.Cluster, host.Indexes, host.Config.SettingsBroadcast,
            new SequentialSettingsSender(host.Config.SettingsBroadcast, host.Time), host.Broadcaster, host.Committer).Map(app);
        new DocumentWriteRoutes(host.Config.AntiEntropy, host.Tasks, host.Commit, host.Tombstones, host.Creator, host.Broadcaster, host.Time).Map(app);
        new RebalanceRoutes(host.Rebalancer).Map(app);
        new AntiEntropyRoutes(host.AntiEntropy, host.Logger).Map(app);
        new SettingsDriftRoutes(host.SettingsDrift, host.Logger).Map(app);
        app.MapReadRoutes(ReadClusterFactory.Create(host.Config, host.Cluster, host.Time));
        app.MapFallback(static ctx => ErrorAnswers.WriteAsync(ctx, new ErrorAnswer(ErrorCode.NotFound, "Not found.")));
    }
}
