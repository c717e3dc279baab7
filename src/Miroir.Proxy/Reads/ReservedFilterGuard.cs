using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Meili.Filters;
using Miroir.Meili.Validation;

namespace Miroir.Proxy.Reads;

/// <summary>
/// Refuses a client filter, facet list or <c>distinct</c> that names a reserved field (<c>_miroir_shard</c>) as a node refuses an
/// attribute that is not filterable. Nodes do filter on it (the shard restriction), so they cannot refuse it themselves; to a
/// client it does not exist. Checked against the client's own filterable attributes, before any node is asked.
/// </summary>
internal static class ReservedFilterGuard
{
    private static ReadOnlySpan<byte> Reserved => "_miroir_"u8;

    /// <summary>A body's <c>filter</c> (raw JSON): zero cost unless it mentions a reserved name.</summary>
    public static void Check(ReadOnlySpan<byte> filter, ReadIndex index, ErrorCode code)
    {
        if (filter.IndexOf(Reserved) < 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(filter.ToArray());
        Check(document.RootElement, index, code);
    }

    /// <summary>A GET <c>filter</c> parameter, read as nodes read it (JSON when it parses, else the expression).</summary>
    public static void CheckQuery(string filter, ReadIndex index, ErrorCode code)
    {
        if (filter.Contains("_miroir_", StringComparison.Ordinal) && FilterQueryParameter.Read(filter) is { } value)
        {
            Check(value, index, code);
        }
    }

    /// <summary>A body's <c>facets</c> (raw JSON array) or the GET parameter (comma separated).</summary>
    public static void CheckFacets(ReadOnlySpan<byte> facets, string? query, ReadIndex index)
    {
        SortedSet<string>? reserved = null;
        if (facets.IndexOf(Reserved) >= 0)
        {
            using var document = JsonDocument.Parse(facets.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in document.RootElement.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && Settings.ReservedSettings.IsReserved(name.GetString()!))
                    {
                        (reserved ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name.GetString()!);
                    }
                }
            }
        }
        else if (query is not null && query.Contains("_miroir_", StringComparison.Ordinal))
        {
            foreach (var name in query.Split(',', StringSplitOptions.TrimEntries))
            {
                if (Settings.ReservedSettings.IsReserved(name))
                {
                    (reserved ??= new SortedSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }
        }

        if (reserved is not null)
        {
            throw new MeiliException(ErrorCode.InvalidSearchFacets, FilterableChecks.FacetsMessage(reserved, index.ClientFilterable));
        }
    }

    /// <summary>The <c>distinct</c> parameter (raw JSON string in a body, or the GET value).</summary>
    public static void CheckDistinct(ReadOnlySpan<byte> distinct, string? query, ReadIndex index)
    {
        var name = query;
        if (distinct.IndexOf(Reserved) >= 0)
        {
            var reader = new Utf8JsonReader(distinct);
            name = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        }

        if (name is not null && Settings.ReservedSettings.IsReserved(name))
        {
            FilterableChecks.Distinct(name, index.ClientFilterable);
        }
    }

    private static void Check(JsonElement filter, ReadIndex index, ErrorCode code)
    {
        FilterNode? node;
        try
        {
            node = FilterParser.Parse(filter, code);
        }
        catch (MeiliException)
        {
            // Not a filter at all: the node answers the syntax error itself.
            return;
        }

        if (node is not null)
        {
            FilterValidator.Validate(node, index.ClientFilterable, code);
        }
    }
}
