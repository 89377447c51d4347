using SQLitePCL;

namespace Observatory.Warehouse.Loading.Sqlite;

/// <summary>
/// A connection to the staging file opened without SQLite's per-connection mutex (SQLITE_OPEN_NOMUTEX): the
/// load uses it from one thread at a time, and the serialized mode's lock around every bound value costs more
/// than the insert itself. It is used for the staging file only, never for a warehouse that is being read.
/// </summary>
internal sealed class BulkConnection : IDisposable
{
    private BulkConnection(sqlite3 database) => Database = database;

    public sqlite3 Database { get; }

    public static BulkConnection Open(string path)
    {
        Batteries_V2.Init();
        var result = raw.sqlite3_open_v2(path, out var database,
            raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (result != raw.SQLITE_OK)
        {
            var message = database is null ? $"error {result}" : raw.sqlite3_errmsg(database).utf8_to_string();
            database?.Dispose();
            throw new WarehouseException($"Cannot open the staging warehouse {path}: {message}");
        }

        return new BulkConnection(database);
    }

    public void Execute(string sql)
    {
        if (raw.sqlite3_exec(Database, sql, null, null, out var error) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite: {error}");
        }
    }

    /// <summary>Runs a query and returns its first two text columns per row.</summary>
    public List<(string First, string Second)> Query(string sql)
    {
        var rows = new List<(string, string)>();
        if (raw.sqlite3_prepare_v2(Database, sql, out var statement) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite: {raw.sqlite3_errmsg(Database).utf8_to_string()}");
        }

        using (statement)
        {
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                rows.Add((raw.sqlite3_column_text(statement, 0).utf8_to_string(), raw.sqlite3_column_text(statement, 1).utf8_to_string()));
            }
        }

        return rows;
    }

    public void Dispose() => Database.Dispose();
}
