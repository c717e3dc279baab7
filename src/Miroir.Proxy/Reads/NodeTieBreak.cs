using Miroir.Proxy.Transport;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Asks a node to order equal hits by primary key and to name it in each hit (<c>_miroir_id</c>, which the merge reads
/// and strips), so the merged order never depends on which replica answered: replicas hold the same primary keys, but
/// their internal ids (the engine's own tie order) differ once a repair or a retried write inserted documents in
/// another order. A header, so a Meilisearch node ignores it (its hits then carry no key and ties keep node order).
/// Keep in sync with the engine's <c>Miroir.Engine.Search.PrimaryKeyTieBreak</c>.
/// </summary>
internal static class NodeTieBreak
{
    public const string Header = "X-Miroir-Tie-Break";

    private static readonly KeyValuePair<string, string>[] Headers = [new(Header, "primary-key")];

    /// <summary><paramref name="request"/> with the tie-break header.</summary>
    public static NodeRequest Ask(NodeRequest request) => request with { Headers = Headers };
}
