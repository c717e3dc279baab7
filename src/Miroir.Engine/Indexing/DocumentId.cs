using System.Globalization;
using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Engine.Indexing;

/// <summary>Validates primary key values and gives their canonical string (1 and "1" are the same document).</summary>
public static class DocumentId
{
    public const int MaxBytes = 511;

    /// <summary>The canonical id, or a Meilisearch error for a value that cannot be a document id.</summary>
    public static string Canonical(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!;
                if (IsValidString(s))
                {
                    return s;
                }
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var l))
                {
                    return l.ToString(CultureInfo.InvariantCulture);
                }
                if (value.TryGetUInt64(out var u))
                {
                    return u.ToString(CultureInfo.InvariantCulture);
                }
                break;
        }
        throw new MeiliException(ErrorCode.InvalidDocumentId, InvalidMessage(value.GetRawText()));
    }

    /// <summary>True for a non-empty string of <c>a-zA-Z0-9-_</c> of at most 511 bytes.</summary>
    public static bool IsValidString(string s)
    {
        if (s.Length == 0 || s.Length > MaxBytes)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    public static string InvalidMessage(string raw) =>
        $"Document identifier `{raw}` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.";
}
