using Miroir.Meili.Validation;

namespace Miroir.Engine.Http;

/// <summary>Index uid checks for routes, on the shared <see cref="IndexUidRules"/>.</summary>
internal static class IndexUids
{
    public static bool IsValid(string uid) => IndexUidRules.IsValid(uid);

    /// <summary>Validates a uid from the path.</summary>
    public static string Check(string uid)
    {
        IndexUidRules.Validate(uid);
        return uid;
    }

    /// <summary>Validates a uid from a body field (the message names the field).</summary>
    public static string CheckField(string uid, string path)
    {
        IndexUidRules.Validate(uid, path);
        return uid;
    }
}
