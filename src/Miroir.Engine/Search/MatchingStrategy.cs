namespace Miroir.Engine.Search;

/// <summary>How query words may be dropped when too few documents match all of them.</summary>
public enum MatchingStrategy
{
    Last,
    All,
    Frequency,
}
