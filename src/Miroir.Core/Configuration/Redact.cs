namespace Miroir.Core.Configuration;

/// <summary>Renders secrets for logs: whether one is set, never its value.</summary>
internal static class Redact
{
    public static string Secret(string value) => value.Length == 0 ? "\"\"" : "***";
}
