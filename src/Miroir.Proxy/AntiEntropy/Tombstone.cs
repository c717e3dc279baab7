using System.Text;
using System.Text.Json;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.AntiEntropy;

/// <summary>
/// One accepted document deletion, remembered so anti-entropy never copies a deleted document back from a replica
/// that missed the delete: a copy stamped at or before <see cref="At"/> that the deletion covers is deleted instead.
/// </summary>
/// <param name="Index">Index uid.</param>
/// <param name="At">Unix ms on the clock that stamps <c>_miroir_updated_at</c>, read before the nodes were asked.</param>
/// <param name="Kind">What it covers.</param>
/// <param name="Ids">The canonical ids (strings as written, integers as digits) for <see cref="TombstoneKind.Ids"/>.</param>
/// <param name="Filter">The raw JSON filter of a <see cref="TombstoneKind.Filter"/> deletion.</param>
internal sealed record Tombstone(string Index, long At, TombstoneKind Kind, string[] Ids, string? Filter)
{
    public static Tombstone ForIds(string index, long at, string[] ids) => new(index, at, TombstoneKind.Ids, ids, null);

    public static Tombstone ForAll(string index, long at) => new(index, at, TombstoneKind.All, [], null);

    /// <summary>The tombstone of an accepted <c>POST /documents/delete</c> body (its <c>filter</c>, written compactly), or null without one.</summary>
    public static Tombstone? ForFilter(string index, long at, byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("filter", out var filter)
            || filter.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Compact: snapshot records are one a line, and a client's filter may be pretty-printed.
        return new Tombstone(index, at, TombstoneKind.Filter, [], Encoding.UTF8.GetString(JsonBytes.Write(filter, static (w, f) => f.WriteTo(w))));
    }
}
