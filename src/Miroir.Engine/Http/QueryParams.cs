using System.Globalization;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;

namespace Miroir.Engine.Http;

/// <summary>Typed query-string parameters with Meilisearch's error messages.</summary>
internal static class QueryParams
{
    public static string? String(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public static int Int(HttpContext context, string name, int fallback, ErrorCode error)
    {
        var text = String(context, name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new MeiliException(error, $"Invalid value in parameter `{name}`: could not parse `{text}` as a positive integer");
        }
        return value;
    }

    public static long? Long(HttpContext context, string name, ErrorCode error)
    {
        var text = String(context, name);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new MeiliException(error, $"Invalid value in parameter `{name}`: could not parse `{text}` as a positive integer");
        }
        return value;
    }

    public static bool Bool(HttpContext context, string name, bool fallback, ErrorCode error)
    {
        var text = String(context, name);
        return text switch
        {
            null => fallback,
            "true" => true,
            "false" => false,
            _ => throw new MeiliException(error, $"Invalid value in parameter `{name}`: could not parse `{text}` as a boolean, expected either `true` or `false`"),
        };
    }

    /// <summary>A comma-separated list; null when absent or <c>*</c>.</summary>
    public static string[]? List(HttpContext context, string name)
    {
        var text = String(context, name);
        if (text is null)
        {
            return null;
        }
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Contains("*") ? null : items;
    }
}
