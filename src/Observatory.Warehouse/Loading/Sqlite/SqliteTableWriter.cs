using System.Buffers;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace Observatory.Warehouse.Loading.Sqlite;

/// <summary>
/// Prepared multi-row INSERTs bound through the native SQLite API (<see cref="NativeSqlite"/>): one statement
/// execution per <see cref="_rowsPerStatement"/> rows, all inside the load's single transaction. Values are
/// encoded as EF Core's SQLite provider stores them: integers, booleans as 0/1, dates and times as ISO text.
/// </summary>
internal sealed class SqliteTableWriter : ITableWriter
{
    // SQLite allows at most 32,766 bound parameters per statement.
    private const int MaxParameters = 32_766;
    private const int PreferredRowsPerStatement = 64;

    private readonly sqlite3 _database;
    private readonly string _table;
    private readonly int _columns;
    private readonly int _rowsPerStatement;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;

    public SqliteTableWriter(sqlite3 database, string table, IReadOnlyList<string> columns)
    {
        _database = database;
        _table = table;
        _columns = columns.Count;
        _rowsPerStatement = Math.Min(PreferredRowsPerStatement, MaxParameters / _columns);
        _many = Prepare(columns, _rowsPerStatement);
        _one = Prepare(columns, 1);
    }

    public void Write(RowBatch batch)
    {
        var row = 0;
        for (; batch.Rows - row >= _rowsPerStatement; row += _rowsPerStatement)
        {
            Execute(_many, batch, row, _rowsPerStatement);
        }

        for (; row < batch.Rows; row++)
        {
            Execute(_one, batch, row, 1);
        }
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _many.Dispose();
        _one.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Execute(sqlite3_stmt prepared, RowBatch batch, int firstRow, int rows)
    {
        // This writer keeps the managed statement referenced, so its native handle stays valid.
        var statement = prepared.DangerousGetHandle();
        var first = firstRow * _columns;
        var cells = rows * _columns;
        for (var i = 0; i < cells; i++)
        {
            Check(Bind(statement, i + 1, batch, first + i));
        }

        Check(NativeSqlite.Step(statement), raw.SQLITE_DONE);
        Check(NativeSqlite.Reset(statement));
    }

    private static int Bind(IntPtr statement, int parameter, RowBatch batch, int cell)
    {
        var value = batch.Values[cell];
        return batch.Kinds[cell] switch
        {
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Boolean => NativeSqlite.BindInt64(statement, parameter, value),
            ValueKind.Double => NativeSqlite.BindDouble(statement, parameter, BitConverter.Int64BitsToDouble(value)),
            ValueKind.Text => BindText(statement, parameter, batch.Texts![cell]!),
            ValueKind.Date => BindText(statement, parameter,
                DateOnly.FromDayNumber((int)value).ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture)),
            ValueKind.Timestamp => BindText(statement, parameter,
                new DateTime(value, DateTimeKind.Utc).ToString("yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            _ => NativeSqlite.BindNull(statement, parameter),
        };
    }

    private static unsafe int BindText(IntPtr statement, int parameter, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[length] : rented;
        var bytes = Encoding.UTF8.GetBytes(value, buffer);
        try
        {
            fixed (byte* utf8 = buffer)
            {
                return NativeSqlite.BindText(statement, parameter, utf8, bytes, NativeSqlite.Transient);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private sqlite3_stmt Prepare(IReadOnlyList<string> columns, int rows)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var placeholders = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count)) + ")";
        var sql = new StringBuilder($"INSERT INTO \"{_table}\" ({names}) VALUES ");
        sql.AppendJoin(", ", Enumerable.Repeat(placeholders, rows));
        Check(raw.sqlite3_prepare_v2(_database, sql.ToString(), out var statement));
        return statement;
    }

    private void Check(int result, int expected = raw.SQLITE_OK)
    {
        if (result != expected)
        {
            throw new InvalidOperationException(
                $"SQLite error {result} writing {_table}: {raw.sqlite3_errmsg(_database).utf8_to_string()}");
        }
    }
}
