using Microsoft.Extensions.Logging;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>A logger factory that keeps every entry (level, event id, formatted message) so tests can assert on the log.</summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToList();
            }
        }
    }

    public IReadOnlyList<LogEntry> WithEventId(int eventId) => Entries.Where(e => e.EventId == eventId).ToList();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add(new LogEntry(logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message);
