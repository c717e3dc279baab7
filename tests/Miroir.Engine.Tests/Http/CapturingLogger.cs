using Microsoft.Extensions.Logging;

namespace Miroir.Engine.Tests.Http;

/// <summary>An <see cref="ILogger"/> that keeps every record, for asserting what was logged.</summary>
internal sealed class CapturingLogger : ILogger
{
    public List<(LogLevel Level, EventId Id, string Message, Exception? Exception)> Records { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Records.Add((logLevel, eventId, formatter(state, exception), exception));
}
