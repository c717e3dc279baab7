using Microsoft.Extensions.Logging;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>A logger that keeps every entry (event id and message) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(EventId Event, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((eventId, formatter(state, exception)));
        }
    }
}
