namespace Miroir.Load;

/// <summary>The parsed command line: a command and <c>--name value</c> pairs.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Command { get; private init; } = "";

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i < args.Length - 1; i += 2)
        {
            line._values[args[i].TrimStart('-')] = args[i + 1];
        }
        return line;
    }

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
}
