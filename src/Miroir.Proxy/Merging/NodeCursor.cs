using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>How far the merge has read one node's response: hits are read one at a time, only as the merge takes them.</summary>
internal struct NodeCursor
{
    /// <summary>Byte offset just past the last hit read (or past <c>[</c>); at the closing <c>]</c> once exhausted.</summary>
    public int Position;

    /// <summary>Index in the workspace's hits of the node's next hit in merge order; -1 when none is left.</summary>
    public int Head;

    /// <summary>The response has a <c>hits</c> array (<see cref="Position"/> and <see cref="State"/> are set).</summary>
    public bool HasHits;

    /// <summary>A hit was read, so the next one must follow a comma.</summary>
    public bool Started;

    /// <summary>The closing <c>]</c> was reached.</summary>
    public bool Exhausted;

    /// <summary>Reader state just inside <c>hits</c>: the top level resumes from it once the rest of the array is stepped over.</summary>
    public JsonReaderState State;
}
