using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>
/// Keeps every message written through the loggers it creates, with its category and the InstanceId of the logging
/// scopes it was written in (the logger factory hands this provider its scopes).
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string Category, string Message, string? ScopeInstanceId)> _messages = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>The messages of <paramref name="category"/>, in the order they were written.</summary>
    public IReadOnlyList<string> MessagesOf(string category) =>
        _messages.Where(m => m.Category == category).Select(m => m.Message).ToList();

    /// <summary>The InstanceId scope property each message of <paramref name="category"/> was written in (null: none).</summary>
    public IReadOnlyList<string?> ScopeInstanceIdsOf(string category) =>
        _messages.Where(m => m.Category == category).Select(m => m.ScopeInstanceId).ToList();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    private string? CurrentScopeInstanceId()
    {
        var found = new string?[1];
        _scopes?.ForEachScope(
            static (scope, found) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> properties
                    && properties.FirstOrDefault(p => p.Key == "InstanceId").Value is string instanceId)
                {
                    found[0] = instanceId;
                }
            },
            found);
        return found[0];
    }

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
            owner._messages.Enqueue((category, formatter(state, exception), owner.CurrentScopeInstanceId()));
    }
}
