using System.Globalization;

namespace Miroir.Meili.Auth;

/// <summary>
/// Parses a uuid in the forms Meilisearch's <c>uuid</c> crate accepts (simple, hyphenated,
/// braced, <c>urn:uuid:</c>) and words failures the way that crate does.
/// </summary>
internal static class UuidText
{
    private static readonly int[] GroupStarts = [0, 9, 14, 19, 24];
    private static readonly int[] GroupLengths = [8, 4, 4, 4, 12];

    public static bool TryParse(string text, out Guid uid, out string error)
    {
        error = "";
        var (body, offset, simple) = Unwrap(text);
        var hyphens = new List<int>(4);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '-')
            {
                hyphens.Add(i);
            }
            else if (!char.IsAsciiHexDigit(c))
            {
                error = $"invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `{c}` at {i + offset + 1}";
                uid = default;
                return false;
            }
        }

        var valid = (hyphens.Count == 0 && body.Length == 32)
            || (hyphens.Count == 4 && body.Length == 36 && hyphens.SequenceEqual([8, 13, 18, 23]));
        if (valid && Guid.TryParseExact(body, hyphens.Count == 0 ? "N" : "D", out uid))
        {
            return true;
        }

        uid = default;
        error = hyphens.Count == 0 && simple
            ? $"invalid length: expected length 32 for simple format, found {text.Length}"
            : hyphens.Count != 4
                ? $"invalid group count: expected 5, found {hyphens.Count + 1}"
                : GroupLengthError(hyphens, body.Length);
        return false;
    }

    private static (string Body, int Offset, bool Simple) Unwrap(string text)
    {
        if (text.Length >= 2 && text[0] == '{' && text[^1] == '}')
        {
            return (text[1..^1], 1, false);
        }

        return text.StartsWith("urn:uuid:", StringComparison.Ordinal) ? (text[9..], 9, false) : (text, 0, true);
    }

    private static string GroupLengthError(List<int> hyphens, int length)
    {
        for (var g = 0; g < 4; g++)
        {
            if (hyphens[g] != GroupStarts[g + 1] - 1)
            {
                var found = hyphens[g] - (g == 0 ? 0 : hyphens[g - 1] + 1);
                return string.Create(CultureInfo.InvariantCulture, $"invalid group length in group {g}: expected {GroupLengths[g]}, found {found}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"invalid group length in group 4: expected 12, found {length - GroupStarts[4]}");
    }
}
