namespace Miroir.Engine.Ranking;

/// <summary>The ranking rule (or sub-rule) a <see cref="ScoreDetail"/> comes from.</summary>
public enum ScoreDetailKind
{
    Words,
    Typo,
    Proximity,
    /// <summary>First half of the <c>attribute</c> rule: the attribute ranking order.</summary>
    Fid,
    /// <summary>Second half of the <c>attribute</c> rule: query word position.</summary>
    Position,
    /// <summary>First half of <c>exactness</c>: exact match / matches start / none.</summary>
    ExactAttribute,
    /// <summary>Second half of <c>exactness</c>: how many query words match exactly.</summary>
    ExactWords,
    Sort,
    GeoSort,
    /// <summary>The <c>vectorSort</c> rule of semantic hits; the similarity is in <c>Number</c>.</summary>
    Vector,
}
