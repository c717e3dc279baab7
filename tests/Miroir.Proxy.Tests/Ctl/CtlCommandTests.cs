using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Miroir.Core.Configuration;
using Miroir.Proxy.Tests.Cluster;
using Miroir.Proxy.Tests.Health;

namespace Miroir.Proxy.Tests.Ctl;

/// <summary><c>miroir ctl</c> against a running in-process orchestrator.</summary>
public sealed class CtlCommandTests
{
    private const string AdminKey = "ctl-admin-key";
    private const string MasterKey = "ctl-master-key";

    private static Task<MiroirClusterFixture> StartAsync() =>
        MiroirClusterFixture.StartAsync(configure: c => c with
        {
            MasterKey = MasterKey,
            Admin = new AdminConfig { ApiKey = AdminKey },
            Health = AdminClient.FastHealth,
        });

    [Fact]
    public async Task Status_RunningCluster_PrintsNodeTable()
    {
        await using var cluster = await StartAsync();
        await cluster.StopNodeAsync(2);
        await AdminClient.WaitForStatusAsync(cluster, "node-3", "failed");

        var (exit, output, error) = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--admin-key", AdminKey, "status");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("shards 12, replication factor 2, replica groups 1; fully covered: yes; degraded nodes: 1", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^NODE\s+GROUP\s+STATUS\s+SHARDS\s+LAST SEEN\s+ADDRESS\s+ERROR$", lines[1]);
        Assert.Matches(@"^node-1\s+0\s+healthy\s+\d+\s+\d+\.\ds ago\s+http://127\.0\.0\.1:\d+$", lines[2]);
        Assert.Matches(@"^node-3\s+0\s+failed\s+\d+\s+.+unreachable", lines[4]);
    }

    [Fact]
    public async Task Status_WrongAdminKey_ExitOneWithOrchestratorMessage()
    {
        await using var cluster = await StartAsync();
        var (exit, output, error) = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--admin-key", "wrong", "status");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("The provided admin key is invalid. (miroir_invalid_auth, HTTP 401 from GET /_miroir/topology). Pass --admin-key or set MIROIR_ADMIN_API_KEY.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_ExistingAndMissing_PrintsFieldsOrNotFound()
    {
        await using var cluster = await StartAsync();
        var uid = MiroirClusterFixture.TaskUidOf(await cluster.SendJsonAsync(HttpMethod.Post, "/indexes", """{"uid":"docs","primaryKey":"id"}"""));
        await cluster.WaitForSuccessAsync(uid);

        var (exit, output, _) = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--api-key", MasterKey, "task", uid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^status\s+succeeded$", output);
        Assert.Matches(@"(?m)^type\s+indexCreation$", output);
        Assert.Matches(@"(?m)^indexUid\s+docs$", output);

        var missing = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--api-key", MasterKey, "task", "987654");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("(task_not_found, HTTP 404 from GET /tasks/987654)", missing.Error, StringComparison.Ordinal);

        var noKey = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "task", "0");
        Assert.Equal(1, noKey.Exit);
        Assert.Contains("Pass --api-key or set MIROIR_MASTER_KEY.", noKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebalanceStatusAndDrain_RealOrchestrator_IdleAndUnknownNode()
    {
        await using var cluster = await StartAsync();
        var status = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--admin-key", AdminKey, "rebalance", "status");
        Assert.Equal(0, status.Exit);
        Assert.Matches(@"(?m)^in progress\s+no$", status.Out);
        Assert.Matches(@"(?m)^phase\s+idle$", status.Out);

        var drain = await CtlRun.RunAsync("--url", cluster.Proxy.Url, "--admin-key", AdminKey, "node", "drain", "node-9");
        Assert.Equal(1, drain.Exit);
        Assert.Contains("(miroir_node_not_found, HTTP 404 from POST /_miroir/nodes/node-9/drain)", drain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_OrchestratorUnreachable_ExitOneWithHint()
    {
        var url = $"http://127.0.0.1:{CtlRun.ClosedPort()}";
        var (exit, output, error) = await CtlRun.RunAsync("--url", url, "status");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"miroir ctl: error: cannot reach the orchestrator at {url}", error, StringComparison.Ordinal);
        Assert.Contains("--url (or MIROIR_URL)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("node", "add", "--id", "n4")]
    [InlineData("node", "add", "--id", "n4", "--address", "http://x", "--group", "one")]
    [InlineData("node", "add", "--id", "n4", "--address", "http://x", "--group", "-1")]
    [InlineData("node", "drain")]
    [InlineData("node", "drain", "n1", "n2")]
    [InlineData("rebalance")]
    [InlineData("status", "--bogus")]
    [InlineData("task", "abc")]
    [InlineData("status", "--url")]
    [InlineData("--url", "ftp://x", "status")]
    public async Task BadUsage_ExitTwoWithUsage(params string[] args)
    {
        var (exit, _, error) = await CtlRun.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("usage: miroir ctl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ExitZero()
    {
        var (exit, output, _) = await CtlRun.RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("node drain ID", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Node add, drain, rebalance status and verify are served by other features; this stand-in orchestrator answers
    /// their documented contract so the requests ctl sends and the tables it prints are checked here.
    /// </summary>
    [Fact]
    public async Task TopologyCommands_AgainstContract_SendBodiesAndPrintTables()
    {
        var received = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Headers.Authorization != "Bearer " + AdminKey)
            {
                ctx.Response.StatusCode = 401;
                return;
            }

            using var reader = new StreamReader(ctx.Request.Body);
            received.Add($"{ctx.Request.Method} {ctx.Request.Path} {await reader.ReadToEndAsync()}");
            await next(ctx);
        });
        app.MapPost("/_miroir/nodes", (Delegate)(static (HttpContext ctx) => Json(ctx, 202, """{"id":"node-4","status":"joining","rebalanceId":7}""")));
        app.MapPost("/_miroir/nodes/{id}/drain", (Delegate)(static (HttpContext ctx) => Json(ctx, 202, """{"id":"node-2","status":"draining"}""")));
        app.MapGet("/_miroir/rebalance/status", (Delegate)(static (HttpContext ctx) =>
            Json(ctx, 200, """{"inProgress":true,"phase":"copying","shardsTotal":12,"shardsDone":5,"documentsMigrated":4200}""")));
        app.MapPost("/_miroir/verify", (Delegate)(static (HttpContext ctx) =>
            Json(ctx, 200, """{"shardsScanned":12,"mismatches":[{"index":"docs","shard":3,"nodes":["node-1","node-2"]}]}""")));
        await app.StartAsync();
        var url = app.Urls.First();

        var add = await CtlRun.RunAsync("--url", url, "--admin-key", AdminKey, "node", "add", "--id", "node-4", "--address", "http://10.0.0.4:7700", "--group", "0");
        Assert.Equal(0, add.Exit);
        Assert.Equal("POST /_miroir/nodes {\"id\":\"node-4\",\"address\":\"http://10.0.0.4:7700\",\"replica_group\":0}", received[^1]);
        Assert.StartsWith("Node node-4 (http://10.0.0.4:7700, group 0) accepted.\n", add.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^status\s+joining$", add.Out);

        var drain = await CtlRun.RunAsync("--url", url, "--admin-key", AdminKey, "node", "drain", "node-2");
        Assert.Equal(0, drain.Exit);
        Assert.Equal("POST /_miroir/nodes/node-2/drain ", received[^1]);
        Assert.Matches(@"(?m)^status\s+draining$", drain.Out);

        var rebalance = await CtlRun.RunAsync("--url", url, "--admin-key", AdminKey, "rebalance", "status");
        Assert.Equal(0, rebalance.Exit);
        Assert.Matches(@"(?m)^in progress\s+yes$", rebalance.Out);
        Assert.Matches(@"(?m)^phase\s+copying$", rebalance.Out);
        Assert.Matches(@"(?m)^shards done\s+5$", rebalance.Out);
        Assert.Matches(@"(?m)^documents migrated\s+4200$", rebalance.Out);

        var verify = await CtlRun.RunAsync("--url", url, "--admin-key", AdminKey, "verify");
        Assert.Equal(1, verify.Exit);
        Assert.StartsWith("shards scanned: 12, mismatches: 1", verify.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^INDEX\s+SHARD\s+NODES$", verify.Out);
        Assert.Matches(@"(?m)^docs\s+3\s+\[""node-1"",""node-2""\]$", verify.Out);
    }

    private static Task Json(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }
}
