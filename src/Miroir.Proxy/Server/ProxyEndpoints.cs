using Microsoft.AspNetCore.Builder;
using Miroir.Meili.Errors;
using Miroir.Proxy.Admin;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Batches;
using Miroir.Proxy.Cluster;
using Miroir.Proxy.Documents;
using Miroir.Proxy.Http;
using Miroir.Proxy.Indexes;
using Miroir.Proxy.Metrics;
using Miroir.Proxy.Reads;
using Miroir.Proxy.Rebalancing;
using Miroir.Proxy.Settings;
using Miroir.Proxy.Tasks;
using Miroir.Proxy.Writes;

namespace Miroir.Proxy.Server;

/// <summary>Wires the orchestrator's whole HTTP surface onto a web application.</summary>
internal static class ProxyEndpoints
{
    public static void Map(WebApplication app, ProxyContext context)
    {
        // Scrapes on the open metrics port are not client requests: answered before they are counted.
        app.Use(new MetricsListener(context).InvokeAsync);
        app.Use(RequestView.Door(context.Cluster));
        app.Use(new RequestEnvelope(new RequestMetrics(context.Metrics), context.Logger).InvokeAsync);
        app.Use(new AdminKeyAuth(context.Config.Admin.Enabled, context.Config.Admin.ApiKey, context.Config.MasterKey).InvokeAsync);
        app.Use(new ClientAuthorizer(context.Keys, context.Time).InvokeAsync);
        ClusterMetrics.Register(context);
        var committer = new SettingsCommitter(context, context.Background);
        app.Use(new SettingsVersionHeaders(committer).InvokeAsync);
        app.Use(new FrozenIndexGate(context.SettingsDrift.Freeze).InvokeAsync);
        context.SettingsDrift.Busy = committer.IsInFlight;
        SettingsMetrics.Register(context, committer);
        var broadcaster = new Broadcaster(context);
        var creator = new IndexCreator(context, broadcaster);
        ServerRoutes.Map(app);
        new AdminRoutes(context).Map(app);
        new TaskRoutes(context).Map(app);
        new KeyRoutes(context, context.KeyReplicas).Map(app);
        new BatchRoutes(context).Map(app);
        new ExperimentalFeatureRoutes(broadcaster).Map(app);
        UnsupportedRoutes.Map(app);
        new IndexRoutes(context, creator, broadcaster).Map(app);
        new SettingsRoutes(context, broadcaster, committer).Map(app);
        new DocumentWriteRoutes(context, creator, broadcaster).Map(app);
        new RebalanceRoutes(context.Rebalancer).Map(app);
        new AntiEntropyRoutes(context.AntiEntropy, context.Logger).Map(app);
        new SettingsDriftRoutes(context.SettingsDrift, context.Logger).Map(app);
        app.MapReadRoutes(ReadClusterFactory.FromContext(context));
        app.MapFallback(static ctx => JsonOut.ErrorAsync(ctx, new ProxyException(ErrorCode.NotFound, "Not found.")));
    }
}
