using Microsoft.Data.Sqlite;
using Observatory.Api.Feed.Writing;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// The SQL EF Core generated, stepped through the native SQLite library (<see cref="SqliteStatement"/>) and handed
/// to the writers column by column: a full export reads millions of values, and the managed reader's per-value
/// overhead dominated it.
/// </summary>
internal sealed class SqliteRows(SqliteStatement statement) : IRowSource, IDisposable
{
    public static SqliteRows Prepare(SqliteConnection connection, System.Data.Common.DbCommand command) => new(SqliteStatement.Prepare(connection, command));

    public bool Step() => statement.Step();

    public void Interrupt() => statement.Interrupt();

    public bool IsNull(int column) => statement.IsNull(column);

    public long GetInt64(int column) => statement.GetInt64(column);

    public double GetDouble(int column) => statement.GetDouble(column);

    public string GetString(int column) => statement.GetString(column);

    public ReadOnlySpan<byte> GetUtf8(int column) => statement.GetUtf8(column);

    public object GetValue(int column) => statement.GetValue(column);

    public void Dispose() => statement.Dispose();
}
