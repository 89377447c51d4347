using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Observatory.Warehouse.Loading.Sqlite;

/// <summary>
/// Prepared multi-row INSERTs bound through the native SQLite API: one statement execution per
/// <see cref="_rowsPerStatement"/> rows, all inside the load's single transaction.
/// </summary>
internal sealed class SqliteTableWriter<T> : ITableWriter<T>, IRowWriter
{
    // SQLite allows at most 32,766 bound parameters per statement.
    private const int MaxParameters = 32_766;
    private const int PreferredRowsPerStatement = 64;

    private readonly sqlite3 _database;
    private readonly TableMapping<T> _mapping;
    private readonly int _rowsPerStatement;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;
    private sqlite3_stmt _current;
    private int _parameter;

    public SqliteTableWriter(sqlite3 database, TableMapping<T> mapping)
    {
        _database = database;
        _mapping = mapping;
        _rowsPerStatement = Math.Min(PreferredRowsPerStatement, MaxParameters / mapping.Columns.Count);
        _many = Prepare(_rowsPerStatement);
        _one = Prepare(1);
        _current = _one;
    }

    public void Write(ReadOnlySpan<T> rows)
    {
        var index = 0;
        for (; rows.Length - index >= _rowsPerStatement; index += _rowsPerStatement)
        {
            Bind(_many, rows.Slice(index, _rowsPerStatement));
        }

        for (; index < rows.Length; index++)
        {
            Bind(_one, rows.Slice(index, 1));
        }
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _many.Dispose();
        _one.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Bind(sqlite3_stmt statement, ReadOnlySpan<T> rows)
    {
        _current = statement;
        _parameter = 0;
        foreach (var row in rows)
        {
            _mapping.WriteRow(row, this);
        }

        Check(raw.sqlite3_step(statement), raw.SQLITE_DONE);
        Check(raw.sqlite3_reset(statement), raw.SQLITE_OK);
    }

    public void Write(int value) => Check(raw.sqlite3_bind_int64(_current, ++_parameter, value));

    public void Write(long value) => Check(raw.sqlite3_bind_int64(_current, ++_parameter, value));

    public void Write(double value) => Check(raw.sqlite3_bind_double(_current, ++_parameter, value));

    public void Write(bool value) => Check(raw.sqlite3_bind_int64(_current, ++_parameter, value ? 1 : 0));

    public void Write(string value) => Check(raw.sqlite3_bind_text(_current, ++_parameter, value));

    // The same text formats EF Core's SQLite provider writes and parses.
    public void Write(DateOnly value) =>
        Write(value.ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture));

    public void Write(DateTime value) =>
        Write(value.ToString("yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFF", CultureInfo.InvariantCulture));

    public void WriteNull() => Check(raw.sqlite3_bind_null(_current, ++_parameter));

    private sqlite3_stmt Prepare(int rows)
    {
        var columns = string.Join(", ", _mapping.Columns.Select(c => $"\"{c}\""));
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", _mapping.Columns.Count)) + ")";
        var sql = new StringBuilder($"INSERT INTO \"{_mapping.Table}\" ({columns}) VALUES ");
        sql.AppendJoin(", ", Enumerable.Repeat(placeholders, rows));
        Check(raw.sqlite3_prepare_v2(_database, sql.ToString(), out var statement));
        return statement;
    }

    private void Check(int result, int expected = raw.SQLITE_OK)
    {
        if (result != expected)
        {
            throw new InvalidOperationException(
                $"SQLite error {result} writing {_mapping.Table}: {raw.sqlite3_errmsg(_database).utf8_to_string()}");
        }
    }
}
