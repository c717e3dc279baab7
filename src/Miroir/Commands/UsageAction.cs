using System.CommandLine;
using System.CommandLine.Invocation;

namespace Miroir.Commands;

/// <summary><c>--help</c>, <c>-h</c> and <c>help</c>: the usage text of the command on stdout, exit 0.</summary>
internal sealed class UsageAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(CommandLine.UsageOf(parseResult).Usage);
        return 0;
    }
}
