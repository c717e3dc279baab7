using System.Text;

namespace Miroir.Proxy.Routing;

/// <summary>Per-index routing parameters, built once and reused: the primary key and the reserved top-level field names.</summary>
public sealed class DocumentRoutingOptions
{
    /// <summary>The field every Miroir document carries.</summary>
    public const string ShardField = "_miroir_shard";

    /// <summary>Reserved when anti-entropy is enabled; stamped by Miroir.</summary>
    public const string UpdatedAtField = "_miroir_updated_at";

    /// <summary>Reserved when TTL is enabled.</summary>
    public const string ExpiresAtField = "_miroir_expires_at";

    private readonly string _stampField = UpdatedAtField;

    /// <param name="primaryKey">The index's primary key (top-level field).</param>
    /// <param name="reservedFields">Names refused at top level; <see cref="ShardField"/> is always added.</param>
    public DocumentRoutingOptions(string primaryKey, IEnumerable<string>? reservedFields = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        PrimaryKey = primaryKey;
        PrimaryKeyUtf8 = Encoding.UTF8.GetBytes(primaryKey);
        var names = new List<string> { ShardField };
        foreach (var name in reservedFields ?? [])
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        ReservedFields = names;
        ReservedFieldsUtf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    public string PrimaryKey { get; }

    /// <summary>The field the router stamps the write time into when given one (anti-entropy's <c>updated_at_field</c>).</summary>
    public string StampField
    {
        get => _stampField;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _stampField = value;
            UpdatedAtPrefixUtf8 = Encoding.UTF8.GetBytes(",\"" + value + "\":");
        }
    }

    public IReadOnlyList<string> ReservedFields { get; }

    /// <summary>CSV field separator (Meilisearch's <c>csvDelimiter</c>, default comma).</summary>
    public byte CsvDelimiter { get; init; } = (byte)',';

    internal byte[] PrimaryKeyUtf8 { get; }

    /// <summary><c>,"field":</c> in UTF-8, spliced before the stamp.</summary>
    internal byte[] UpdatedAtPrefixUtf8 { get; private init; } = Encoding.UTF8.GetBytes(",\"" + UpdatedAtField + "\":");

    internal byte[][] ReservedFieldsUtf8 { get; }
}
