namespace Miroir.Engine.Tasks;

/// <summary>
/// The input of a task, kept until it has run and persisted with its enqueue record.
/// <see cref="Data"/> is interpreted per <see cref="TaskKind"/>: framed documents for
/// document additions (see <see cref="DocumentFrames"/>), the filter or settings patch as
/// JSON, document ids or swaps as a JSON array, or matched task uids as a JSON array.
/// </summary>
internal sealed class TaskPayload
{
    public static readonly TaskPayload Empty = new();

    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The primary key given with the request (<c>?primaryKey=</c> or index creation/update).</summary>
    public string? PrimaryKey { get; init; }

    /// <summary>Document additions: true for PUT (partial update), false for POST (replace).</summary>
    public bool UpdateExisting { get; init; }

    /// <summary>Documents or ids received, for the details.</summary>
    public int Count { get; init; }
}
