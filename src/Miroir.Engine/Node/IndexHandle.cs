namespace Miroir.Engine.Node;

/// <summary>One index of the node: its metadata plus the engine that holds its documents.</summary>
internal sealed class IndexHandle(string uid, IIndexBackend backend, DateTimeOffset createdAt)
{
    public string Uid { get; set; } = uid;

    public string? PrimaryKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public IIndexBackend Backend { get; } = backend;
}
