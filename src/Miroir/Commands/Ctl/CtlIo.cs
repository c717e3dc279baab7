namespace Miroir.Commands.Ctl;

/// <summary>Where <c>miroir ctl</c> writes and reads its environment (the console and process environment, or a test's).</summary>
internal sealed record CtlIo(TextWriter Out, TextWriter Error, Func<string, string?> Environment)
{
    public static CtlIo Console => new(System.Console.Out, System.Console.Error, System.Environment.GetEnvironmentVariable);
}
