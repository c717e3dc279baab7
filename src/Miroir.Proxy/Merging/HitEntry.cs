namespace Miroir.Proxy.Merging;

/// <summary>One node hit as the merge sees it: its position, ranking score and how to copy it to the client.</summary>
/// <remarks>
/// Stored in a pooled array; its sort values are at <c>index * ruleCount</c> in the sort-value array and its copy
/// plan at [PieceStart, PieceEnd) in the piece array (see <see cref="HitPieces"/>).
/// </remarks>
internal struct HitEntry
{
    public int Node;
    public int Start;
    public double Score;
    public int PieceStart;
    public int PieceEnd;

    /// <summary>Bytes the filtered hit takes in the output.</summary>
    public int OutputLength;

    /// <summary>The hit's primary key (<c>_miroir_id</c>) in the string arena at [KeyStart, KeyStart + KeyLength); KeyLength -1 when the node sent none.</summary>
    public int KeyStart;
    public int KeyLength;

    /// <summary>The node ranked the hit on the vector side of a hybrid search (its details hold <c>vectorSort</c>).</summary>
    public bool Semantic;
}

/// <summary>Kind of a sort value; the numeric order is the merge order (numbers, then strings, then missing).</summary>
internal enum SortValueKind : byte
{
    Number = 0,
    String = 1,
    Missing = 2,
}

/// <summary>One hit's value for one ranking rule (by its <c>order</c>), taken from <c>_rankingScoreDetails</c>.</summary>
/// <remarks>Rule scores are numbers compared descending; string values live unescaped in the workspace's string arena at [StringStart, StringStart + StringLength).</remarks>
internal struct SortValue
{
    public SortValueKind Kind;
    public bool Descending;
    public double Number;
    public int StringStart;
    public int StringLength;
}
