namespace Miroir.Engine.Search;

/// <summary>
/// The orchestrator's request for replica-independent tie order (see <see cref="SearchRequest.TieBreakByPrimaryKey"/>).
/// A header, not a body field, so a Meilisearch node just ignores it; keep in sync with the orchestrator's
/// <c>Miroir.Proxy.Reads.NodeTieBreak</c>.
/// </summary>
public static class PrimaryKeyTieBreak
{
    /// <summary>Present on a search request (any value): equal hits by primary key, each hit with its <see cref="HitField"/>.</summary>
    public const string Header = "X-Miroir-Tie-Break";

    /// <summary>The hit property holding the canonical primary key (the orchestrator strips every <c>_miroir_*</c>).</summary>
    public static ReadOnlySpan<byte> HitField => "_miroir_id"u8;
}
