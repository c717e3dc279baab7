namespace Miroir.Proxy.Tasks;

/// <summary>One node task a Miroir task maps to, with the last state the poller saw on that node.</summary>
internal sealed class NodeTaskRef(string nodeId, long taskUid, bool auxiliary = false)
{
    public string NodeId { get; } = nodeId;

    public long TaskUid { get; } = taskUid;

    /// <summary>
    /// A node task that prepares the client's write (implicit index creation, its reserved settings, the primary key
    /// told to every node): its status counts, its details do not reach the client.
    /// </summary>
    public bool Auxiliary { get; } = auxiliary;

    /// <summary>Meilisearch status name: enqueued, processing, succeeded, failed or canceled.</summary>
    public string Status { get; set; } = TaskStatusNames.Enqueued;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The node's error object (raw JSON) when it failed.</summary>
    public byte[]? Error { get; set; }

    /// <summary>The node's details object (raw JSON) once known.</summary>
    public byte[]? Details { get; set; }

    /// <summary>
    /// True once the poller stopped waiting for it (its node failed, left the topology, or lost the task): the copy it
    /// carried is owed to the node as a repair hint, and it no longer holds the Miroir task back (issue 17.1).
    /// </summary>
    public bool GivenUp { get; set; }

    public bool IsFinished => TaskStatusNames.IsFinished(Status);
}
