using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>Keeps every message written through the loggers it creates, with its category.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _messages = new();

    /// <summary>The messages of <paramref name="category"/>, in the order they were written.</summary>
    public IReadOnlyList<string> MessagesOf(string category) =>
        _messages.Where(m => m.Category == category).Select(m => m.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._messages.Enqueue((category, formatter(state, exception)));
    }
}
