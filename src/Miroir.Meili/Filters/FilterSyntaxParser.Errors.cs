using System.Text;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Filters;

/// <summary>Error construction: Meilisearch's diagnostic line, then <c>start:end filter</c>.</summary>
internal sealed partial class FilterSyntaxParser
{
    private const string InvalidPrimaryMessage =
        "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT EMPTY`, `CONTAINS`, `NOT CONTAINS`, `STARTS WITH`, `NOT STARTS WITH`, `_geoRadius`, or `_geoBoundingBox`";

    private static string ReservedGeoMessage(string name) =>
        $"`{name}` is a reserved keyword and thus can't be used as a filter expression. Use the `_geoRadius(latitude, longitude, distance)` or `_geoBoundingBox([latitude, longitude], [latitude, longitude])` built-in rules to filter on `_geo` coordinates.";

    private MeiliException InvalidPrimary(int start)
    {
        var rest = _src[start..];
        var text = rest.Trim().Length == 0 ? " but instead got nothing." : $" at `{EscapeDebug(rest)}`.";
        return Error(InvalidPrimaryMessage + text, start, _src.Length);
    }

    private MeiliException Error(SyntaxError error) => Error(error.Message, error.Start, error.End);

    private MeiliException Error(string message, int start, int end) =>
        new(_code, FormatError(message, _src, start, end));

    /// <summary>Formats a message and the 1-based, code-point column span of the culprit.</summary>
    internal static string FormatError(string message, string source, int start, int end)
    {
        var column = 1 + CountRunes(source.AsSpan(0, start));
        var size = CountRunes(source.AsSpan(start, end - start));
        return $"{message}\n{column}:{column + size} {source}";
    }

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>Escapes like Rust's <c>str::escape_debug</c>, which Meilisearch uses for the culprit.</summary>
    internal static string EscapeDebug(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\0': sb.Append(@"\0"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(@"\u{").Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A value-level syntax error, with whether another grammar branch may still apply.</summary>
    private readonly record struct SyntaxError(string Message, int Start, int End, bool Failure, bool ReservedKeyword = false);
}
