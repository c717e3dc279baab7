namespace Miroir.Commands.Ctl;

/// <summary>A <c>miroir ctl</c> failure with the message printed to the operator (exit code 1).</summary>
internal sealed class CtlException(string message) : Exception(message);
