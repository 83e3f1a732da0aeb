namespace DurableAgents.Storage.Sqlite.Rows;

/// <summary>UTC times as INTEGER ticks: exact round trips and index order equal to time order.</summary>
internal static class SqliteTime
{
    public static long ToTicks(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime().Ticks,
        _ => value.Ticks,
    };

    public static long? ToTicks(DateTime? value) => value.HasValue ? ToTicks(value.Value) : null;

    public static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);
}
