using System.CommandLine;
using System.Globalization;

namespace Miroir.Commands;

/// <summary><c>--port</c>: a TCP port, 0-65535 (0 picks a free one), digits only; 7700 (Meilisearch's) when absent.</summary>
internal static class PortOption
{
    public static Option<int> Create() => new("--port")
    {
        DefaultValueFactory = _ => 7700,
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
            {
                return port;
            }

            result.AddError($"invalid port `{value}`");
            return 0;
        },
    };
}
