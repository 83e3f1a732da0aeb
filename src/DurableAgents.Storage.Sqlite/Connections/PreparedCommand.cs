using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>
/// A compiled statement with its parameters created once; reused for every execution on its connection so the
/// hot path neither parses SQL nor allocates parameter objects.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedCommand(SqliteConnection connection, SqlStatement statement)
    {
        _command = connection.CreateCommand();
        _command.CommandText = statement.Sql;
        _parameters = new SqliteParameter[statement.ParameterNames.Count];
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter { ParameterName = statement.ParameterNames[i], Value = DBNull.Value });
        }

        _command.Prepare();
    }

    public PreparedCommand Set(int index, string? value)
    {
        _parameters[index].Value = value is null ? DBNull.Value : value;
        return this;
    }

    public PreparedCommand Set(int index, long value)
    {
        _parameters[index].Value = value;
        return this;
    }

    public PreparedCommand Set(int index, long? value)
    {
        _parameters[index].Value = value.HasValue ? value.Value : DBNull.Value;
        return this;
    }

    public int ExecuteNonQuery(SqliteTransaction? transaction)
    {
        _command.Transaction = transaction;
        return _command.ExecuteNonQuery();
    }

    public object? ExecuteScalar(SqliteTransaction? transaction)
    {
        _command.Transaction = transaction;
        return _command.ExecuteScalar();
    }

    public SqliteDataReader ExecuteReader(SqliteTransaction? transaction)
    {
        _command.Transaction = transaction;
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();
}
