namespace Miroir.Engine.Node;

/// <summary>How an index follows its header in a node snapshot (see <see cref="EngineBackend.WriteSnapshot"/>).</summary>
internal enum SnapshotForm : byte
{
    /// <summary>The stored documents, re-added (and re-indexed) on load.</summary>
    Documents = 0,

    /// <summary>The built index (documents, fields, words and postings), loaded as is.</summary>
    State = 1,
}
