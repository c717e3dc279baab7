namespace Miroir.Engine.Node;

/// <summary>The first byte of every record a node writes to its log.</summary>
internal enum NodeRecordKind : byte
{
    /// <summary>A task was accepted, with its payload; written before the 202 is sent.</summary>
    TaskEnqueued = 1,

    /// <summary>A task finished: status, details, error, timestamps and the tasks it canceled or deleted.</summary>
    TaskFinished = 2,

    /// <summary>An API key was created or updated (its full state).</summary>
    KeyPut = 3,

    /// <summary>An API key was deleted.</summary>
    KeyDeleted = 4,
}
