using Miroir.Engine.Errors;

namespace Miroir.Engine.Http;

/// <summary>Index uid validation: alphanumerics, <c>-</c> and <c>_</c>, at most 400 bytes.</summary>
internal static class IndexUids
{
    private const string Rule = "Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 400 bytes.";

    public static bool IsValid(string uid) =>
        uid.Length is > 0 and <= 400 && uid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Validates a uid from the path.</summary>
    public static string Check(string uid) => IsValid(uid)
        ? uid
        : throw new MeiliException(ErrorCode.InvalidIndexUid, $"`{uid}` is not a valid index uid. {Rule}");

    /// <summary>Validates a uid from a body field (the message names the field).</summary>
    public static string CheckField(string uid, string path) => IsValid(uid)
        ? uid
        : throw new MeiliException(ErrorCode.InvalidIndexUid, $"Invalid value at `{path}`: `{uid}` is not a valid index uid. {Rule}");
}
