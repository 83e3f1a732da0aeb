namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>A constant SQL statement and its parameter names in the order the code sets them by index.</summary>
internal sealed class SqlStatement
{
    public SqlStatement(string sql, params string[] parameterNames)
    {
        Sql = sql;
        ParameterNames = parameterNames;
    }

    public string Sql { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    public override string ToString() => Sql;
}
