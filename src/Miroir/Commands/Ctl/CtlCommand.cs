using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Miroir.Commands.Ctl;

/// <summary>
/// <c>miroir ctl</c>: the operator CLI over the admin API. Exit codes: 0 success, 1 the orchestrator refused or
/// could not be reached (or verify found mismatches), 2 bad usage.
/// </summary>
internal sealed class CtlCommand : Command
{
    public const string Usage = """
        usage: miroir ctl [--url URL] [--admin-key KEY] [--api-key KEY] <command>

        commands:
          status                                         nodes, health, shard coverage and rebalance flag
          node add --id ID --address URL --group G       add a node to replica group G (starts a rebalance)
          node drain ID                                  move a node's shards away before removing it
          rebalance status                               progress of the running topology change
          verify                                         compare replicas shard by shard (exit 1 on mismatches)
          task UID                                       one Miroir task (uses the master key: --api-key)

        environment: MIROIR_URL (default http://127.0.0.1:7700), MIROIR_ADMIN_API_KEY, MIROIR_MASTER_KEY;
        the admin key may also be `admin_key = "..."` in ~/.config/miroir/credentials.
        """;

    private readonly CtlIo _io;
    private readonly Option<string> _url = new("--url") { Recursive = true };
    private readonly Option<string> _adminKey = new("--admin-key") { Recursive = true };
    private readonly Option<string> _apiKey = new("--api-key") { Recursive = true };

    public CtlCommand(CtlIo io) : base("ctl")
    {
        _io = io;
        Options.Add(_url);
        Options.Add(_adminKey);
        Options.Add(_apiKey);

        var status = new Command("status");
        status.SetAction(Run((api, _) => StatusAsync(api, io)));

        var id = new Option<string>("--id") { Required = true };
        var address = new Option<string>("--address") { Required = true };
        var group = new Option<int>("--group") { Required = true, CustomParser = r => NonNegative<int>(r, "--group `{0}` is not a non-negative integer") };
        var add = new Command("add") { id, address, group };
        add.SetAction(Run((api, r) => NodeAddAsync(api, io, r.GetRequiredValue(id), r.GetRequiredValue(address), r.GetValue(group))));

        var drainId = new Argument<string>("ID");
        var drain = new Command("drain") { drainId };
        drain.SetAction(Run((api, r) =>
        {
            var node = r.GetRequiredValue(drainId);
            return PostAndPrintAsync(api, io, $"/_miroir/nodes/{Uri.EscapeDataString(node)}/drain", null, $"Drain of node {node} accepted.");
        }));

        var rebalanceStatus = new Command("status");
        rebalanceStatus.SetAction(Run((api, _) => RebalanceStatusAsync(api, io)));

        var verify = new Command("verify");
        verify.SetAction(Run((api, _) => VerifyAsync(api, io)));

        var uid = new Argument<long>("UID") { CustomParser = r => NonNegative<long>(r, "task uid `{0}` is not a non-negative integer") };
        var task = new Command("task") { uid };
        task.SetAction(Run((api, r) => TaskAsync(api, io, r.GetValue(uid))));

        Subcommands.Add(status);
        Subcommands.Add(new Command("node") { add, drain });
        Subcommands.Add(new Command("rebalance") { rebalanceStatus });
        Subcommands.Add(verify);
        Subcommands.Add(task);
        Subcommands.Add(new Command("help") { Hidden = true, Action = new UsageAction() });
        SetAction(CommandLine.NoCommand(io));
    }

    /// <summary>The connection settings, then the command; a refusal or an unreachable orchestrator is exit 1.</summary>
    private Func<ParseResult, CancellationToken, Task<int>> Run(Func<AdminApi, ParseResult, Task<int>> command) => async (result, _) =>
    {
        var (options, error) = CtlOptions.Resolve(result.GetValue(_url), result.GetValue(_adminKey), result.GetValue(_apiKey), _io.Environment);
        if (options is null)
        {
            return await CommandLine.FailAsync(_io.Error, result, [error!]).ConfigureAwait(false);
        }

        using var api = new AdminApi(options);
        try
        {
            return await command(api, result).ConfigureAwait(false);
        }
        catch (CtlException e)
        {
            await _io.Error.WriteLineAsync("miroir ctl: error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    };

    /// <summary>Digits only (no sign, no spaces), like the admin API's own numbers.</summary>
    private static T NonNegative<T>(ArgumentResult result, string message) where T : IBinaryInteger<T>
    {
        var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (T.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        result.AddError(string.Format(CultureInfo.InvariantCulture, message, value));
        return T.Zero;
    }

    private static async Task<int> StatusAsync(AdminApi api, CtlIo io)
    {
        var topology = await api.GetAdminAsync("/_miroir/topology").ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"shards {JsonText.Of(topology, "shards")}, replication factor {JsonText.Of(topology, "replication_factor")}, replica groups {JsonText.Of(topology, "replica_groups")}; " +
            $"fully covered: {JsonText.Of(topology, "fully_covered")}; degraded nodes: {JsonText.Of(topology, "degraded_node_count")}; rebalance in progress: {JsonText.Of(topology, "rebalance_in_progress")}")).ConfigureAwait(false);
        var table = new Table("NODE", "GROUP", "STATUS", "SHARDS", "LAST SEEN", "ADDRESS", "ERROR");
        if (topology.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
        {
            foreach (var node in nodes.EnumerateArray())
            {
                table.Add(JsonText.Of(node, "id"), JsonText.Of(node, "group"), JsonText.Of(node, "status"), JsonText.Of(node, "shard_count"),
                    JsonText.Ago(node, "last_seen_ms", now), JsonText.Of(node, "address"), node.TryGetProperty("error", out var e) ? JsonText.Of(e) : "");
            }
        }

        await io.Out.WriteLineAsync(table.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> NodeAddAsync(AdminApi api, CtlIo io, string id, string address, int replicaGroup)
    {
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("address", address);
            w.WriteNumber("replica_group", replicaGroup);
            w.WriteEndObject();
        });
        return await PostAndPrintAsync(api, io, "/_miroir/nodes", body, $"Node {id} ({address}, group {replicaGroup}) accepted.").ConfigureAwait(false);
    }

    private static async Task<int> PostAndPrintAsync(AdminApi api, CtlIo io, string path, string? body, string headline)
    {
        var answer = await api.PostAdminAsync(path, body).ConfigureAwait(false);
        await io.Out.WriteLineAsync(headline).ConfigureAwait(false);
        await PrintFieldsAsync(io, answer).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> RebalanceStatusAsync(AdminApi api, CtlIo io)
    {
        var status = await api.GetAdminAsync("/_miroir/rebalance/status").ConfigureAwait(false);
        var table = new Table("FIELD", "VALUE");
        foreach (var (label, property) in new[]
        {
            ("in progress", "inProgress"), ("phase", "phase"), ("shards done", "shardsDone"),
            ("shards total", "shardsTotal"), ("documents migrated", "documentsMigrated"),
        })
        {
            table.Add(label, JsonText.Of(status, property));
        }

        await io.Out.WriteLineAsync(table.ToString()).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> VerifyAsync(AdminApi api, CtlIo io)
    {
        var report = await api.PostAdminAsync("/_miroir/verify", null).ConfigureAwait(false);
        var mismatches = report.ValueKind == JsonValueKind.Object && report.TryGetProperty("mismatches", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().ToArray()
            : [];
        await io.Out.WriteLineAsync($"shards scanned: {JsonText.Of(report, "shardsScanned")}, mismatches: {mismatches.Length}").ConfigureAwait(false);
        if (mismatches.Length == 0)
        {
            return 0;
        }

        // Mismatch objects come from the verifier; show every field they carry, in first-seen order.
        var columns = mismatches.SelectMany(x => x.ValueKind == JsonValueKind.Object ? x.EnumerateObject().Select(p => p.Name) : []).Distinct().ToArray();
        if (columns.Length == 0)
        {
            foreach (var mismatch in mismatches)
            {
                await io.Out.WriteLineAsync(JsonText.Of(mismatch)).ConfigureAwait(false);
            }

            return 1;
        }

        var table = new Table([.. columns.Select(c => c.ToUpperInvariant())]);
        foreach (var mismatch in mismatches)
        {
            table.Add([.. columns.Select(c => JsonText.Of(mismatch, c))]);
        }

        await io.Out.WriteLineAsync(table.ToString()).ConfigureAwait(false);
        return 1;
    }

    private static async Task<int> TaskAsync(AdminApi api, CtlIo io, long uid)
    {
        var task = await api.GetClientAsync(string.Create(CultureInfo.InvariantCulture, $"/tasks/{uid}")).ConfigureAwait(false);
        var table = new Table("FIELD", "VALUE");
        foreach (var property in new[] { "uid", "indexUid", "status", "type", "enqueuedAt", "startedAt", "finishedAt", "duration" })
        {
            table.Add(property, JsonText.Of(task, property));
        }

        if (task.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            table.Add("error", $"{JsonText.Of(error, "message")} ({JsonText.Of(error, "code")})");
        }

        await io.Out.WriteLineAsync(table.ToString()).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Top-level fields of a JSON object answer as a two-column table (nothing for other shapes).</summary>
    private static async Task PrintFieldsAsync(CtlIo io, JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var table = new Table("FIELD", "VALUE");
        foreach (var property in answer.EnumerateObject())
        {
            table.Add(property.Name, JsonText.Of(property.Value));
        }

        if (table.Count > 0)
        {
            await io.Out.WriteLineAsync(table.ToString()).ConfigureAwait(false);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
