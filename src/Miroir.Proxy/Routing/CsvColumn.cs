using System.Text;

namespace Miroir.Proxy.Routing;

/// <summary>Type of a CSV column, from the <c>:type</c> suffix of its header.</summary>
internal enum CsvColumnType
{
    String,
    Number,
    Boolean,
}

/// <summary>One CSV header cell: field name and declared type.</summary>
internal readonly record struct CsvColumn(string Name, CsvColumnType Type)
{
    public static CsvColumn Parse(ReadOnlySpan<byte> header)
    {
        var text = Encoding.UTF8.GetString(header);
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            var type = text.AsSpan(colon + 1).Trim();
            var name = text[..colon];
            if (type.Equals("string", StringComparison.Ordinal))
            {
                return new CsvColumn(name, CsvColumnType.String);
            }

            if (type.Equals("number", StringComparison.Ordinal))
            {
                return new CsvColumn(name, CsvColumnType.Number);
            }

            if (type.Equals("boolean", StringComparison.Ordinal))
            {
                return new CsvColumn(name, CsvColumnType.Boolean);
            }
        }

        // An unknown suffix is part of the name (Meilisearch does the same for `a:b`).
        return new CsvColumn(text, CsvColumnType.String);
    }
}
