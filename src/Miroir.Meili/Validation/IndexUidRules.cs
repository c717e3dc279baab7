using Miroir.Meili.Errors;

namespace Miroir.Meili.Validation;

/// <summary>Meilisearch's index uid rule: <c>a-zA-Z0-9-_</c>, 1 to 512 bytes.</summary>
public static class IndexUidRules
{
    public static bool IsValid(string uid)
    {
        if (uid.Length is 0 or > 512)
        {
            return false;
        }

        foreach (var c in uid)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <c>invalid_index_uid</c> unless valid; <paramref name="path"/> is the JSON location, if any.</summary>
    public static void Validate(string uid, string path = "")
    {
        if (!IsValid(uid))
        {
            var message = $"`{uid}` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.";
            throw path.Length == 0
                ? new MeiliException(ErrorCode.InvalidIndexUid, message)
                : DeserrErrors.Invalid(ErrorCode.InvalidIndexUid, path, message);
        }
    }
}
