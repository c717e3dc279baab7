using System.Text;

namespace Miroir.Meili.Filters;

/// <summary>
/// A node of a parsed filter expression. The hierarchy is closed (every subtype is a sealed
/// record) and immutable; <see cref="ToString"/> renders Meilisearch's debug notation
/// (<c>AND[{a} = {1}, NOT ({b} EXISTS), ]</c>), which the tests compare against.
/// </summary>
public abstract record FilterNode
{
    private protected FilterNode()
    {
    }

    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Render(sb);
        return sb.ToString();
    }

    internal abstract void Render(StringBuilder sb);

    /// <summary>The attribute tokens this node reads, for filterable-attribute validation.</summary>
    internal abstract void CollectFields(List<FilterToken> fields);
}

/// <summary>All children must match.</summary>
public sealed record AndNode(IReadOnlyList<FilterNode> Children) : FilterNode
{
    internal override void Render(StringBuilder sb) => RenderList(sb, "AND[", Children);

    internal override void CollectFields(List<FilterToken> fields)
    {
        foreach (var child in Children)
        {
            child.CollectFields(fields);
        }
    }

    internal static void RenderList(StringBuilder sb, string head, IReadOnlyList<FilterNode> children)
    {
        sb.Append(head);
        foreach (var child in children)
        {
            child.Render(sb);
            sb.Append(", ");
        }
        sb.Append(']');
    }
}

/// <summary>At least one child must match.</summary>
public sealed record OrNode(IReadOnlyList<FilterNode> Children) : FilterNode
{
    internal override void Render(StringBuilder sb) => AndNode.RenderList(sb, "OR[", Children);

    internal override void CollectFields(List<FilterToken> fields)
    {
        foreach (var child in Children)
        {
            child.CollectFields(fields);
        }
    }
}

/// <summary>The complement of the inner node within the evaluated universe.</summary>
public sealed record NotNode(FilterNode Inner) : FilterNode
{
    internal override void Render(StringBuilder sb)
    {
        sb.Append("NOT (");
        Inner.Render(sb);
        sb.Append(')');
    }

    internal override void CollectFields(List<FilterToken> fields) => Inner.CollectFields(fields);
}
