namespace Miroir.Meili.Filters;

/// <summary>
/// One word or quoted string of a filter expression: its unescaped value and where it sits in
/// the source string, so validation errors can point at it like Meilisearch does (<c>1:6 doggo = x</c>).
/// </summary>
public readonly record struct FilterToken(string Value, int Offset, int Length, string Source)
{
    public override string ToString() => "{" + Value + "}";
}
