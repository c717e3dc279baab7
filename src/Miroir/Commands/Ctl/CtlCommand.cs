using System.Globalization;
using System.Text.Json;

namespace Miroir.Commands.Ctl;

/// <summary>
/// <c>miroir ctl</c>: the operator CLI over the admin API. Exit codes: 0 success, 1 the orchestrator refused or
/// could not be reached (or verify found mismatches), 2 bad usage.
/// </summary>
internal static class CtlCommand
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

    public static async Task<int> RunAsync(string[] args, CtlIo io)
    {
        var (options, rest, error) = CtlOptions.Parse(args, io.Environment);
        if (options is null || rest.Length == 0 || rest[0] is "-h" or "--help" or "help")
        {
            return await UsageAsync(io, options is null ? error : rest.Length == 0 ? "a command is needed" : null).ConfigureAwait(false);
        }

        using var api = new AdminApi(options);
        try
        {
            return rest switch
            {
                ["status"] => await StatusAsync(api, io).ConfigureAwait(false),
                ["node", "add", .. var flags] => await NodeAddAsync(api, io, flags).ConfigureAwait(false),
                ["node", "drain", var id] => await PostAndPrintAsync(api, io, $"/_miroir/nodes/{Uri.EscapeDataString(id)}/drain", null, $"Drain of node {id} accepted.").ConfigureAwait(false),
                ["rebalance", "status"] => await RebalanceStatusAsync(api, io).ConfigureAwait(false),
                ["verify"] => await VerifyAsync(api, io).ConfigureAwait(false),
                ["task", var uid] when long.TryParse(uid, NumberStyles.None, CultureInfo.InvariantCulture, out var taskUid) => await TaskAsync(api, io, taskUid).ConfigureAwait(false),
                ["task", var uid] => await UsageAsync(io, $"task uid `{uid}` is not a non-negative integer").ConfigureAwait(false),
                _ => await UsageAsync(io, $"unknown command `{string.Join(' ', rest)}`").ConfigureAwait(false),
            };
        }
        catch (CtlException e)
        {
            await io.Error.WriteLineAsync("miroir ctl: error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> UsageAsync(CtlIo io, string? error)
    {
        if (error is null)
        {
            await io.Out.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        await io.Error.WriteLineAsync("miroir ctl: " + error).ConfigureAwait(false);
        await io.Error.WriteLineAsync(Usage).ConfigureAwait(false);
        return 2;
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

    private static async Task<int> NodeAddAsync(AdminApi api, CtlIo io, string[] flags)
    {
        string? id = null, address = null, group = null;
        for (var i = 0; i < flags.Length; i++)
        {
            var value = i + 1 < flags.Length ? flags[i + 1] : null;
            switch (flags[i])
            {
                case "--id" when value is not null:
                    id = value;
                    break;
                case "--address" when value is not null:
                    address = value;
                    break;
                case "--group" when value is not null:
                    group = value;
                    break;
                default:
                    return await UsageAsync(io, $"node add: unexpected argument `{flags[i]}`").ConfigureAwait(false);
            }

            i++;
        }

        if (id is null || address is null || group is null)
        {
            return await UsageAsync(io, "node add needs --id, --address and --group").ConfigureAwait(false);
        }

        if (!int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var replicaGroup))
        {
            return await UsageAsync(io, $"--group `{group}` is not a non-negative integer").ConfigureAwait(false);
        }

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
