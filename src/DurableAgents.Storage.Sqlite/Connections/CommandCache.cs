using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>One connection and its prepared commands, keyed by statement (each statement is a static constant).</summary>
internal sealed class CommandCache : IDisposable
{
    private readonly Dictionary<SqlStatement, PreparedCommand> _commands = new(ReferenceEqualityComparer.Instance);

    public CommandCache(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Returns the prepared command for <paramref name="statement"/>, preparing it on first use.</summary>
    public PreparedCommand Get(SqlStatement statement)
    {
        if (!_commands.TryGetValue(statement, out PreparedCommand? command))
        {
            command = new PreparedCommand(Connection, statement);
            _commands.Add(statement, command);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (PreparedCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
