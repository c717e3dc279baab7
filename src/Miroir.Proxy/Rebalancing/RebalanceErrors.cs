using Miroir.Proxy.Http;

namespace Miroir.Proxy.Rebalancing;

/// <summary>Errors of the topology admin API, in Meilisearch's error shape.</summary>
internal static class RebalanceErrors
{
    public static ProxyException NodeNotFound(string id) =>
        new("miroir_node_not_found", "invalid_request", 404, $"Node `{id}` not found.");

    public static ProxyException NodeExists(string id) =>
        new("miroir_node_already_exists", "invalid_request", 409, $"Node `{id}` already exists.");

    public static ProxyException InvalidGroup(string detail) =>
        new("miroir_invalid_replica_group", "invalid_request", 400, detail);

    public static ProxyException InvalidRequest(string detail) =>
        new("miroir_invalid_topology_request", "invalid_request", 400, detail);

    public static ProxyException InProgress(string operation, string subject) =>
        new("miroir_rebalance_in_progress", "invalid_request", 409,
            $"A rebalance ({operation} {subject}) is still in progress; wait for it to finish (GET /_miroir/rebalance/status) or resume it (POST /_miroir/rebalance).");

    public static ProxyException NotDrained(string id) =>
        new("miroir_node_not_drained", "invalid_request", 409, $"Node `{id}` is still in the topology; drain it first (POST /_miroir/nodes/{id}/drain) and wait for the rebalance to finish.");
}
