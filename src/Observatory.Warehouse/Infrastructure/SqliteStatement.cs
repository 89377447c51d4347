using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// A statement stepped through the native SQLite library (e_sqlite3, which Microsoft.Data.Sqlite ships), its
/// columns read one by one, text as UTF-8 straight from SQLite's buffer. For reads of millions of values (a feed
/// export, the indicators' fact scans), where the managed reader's per-value overhead dominated.
/// </summary>
public sealed partial class SqliteStatement : IDisposable
{
    private const string Library = "e_sqlite3";
    private const int Null = 5;
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;

    private SqliteStatement(sqlite3 database, sqlite3_stmt statement)
    {
        _database = database;
        _statement = statement;
        _handle = statement.DangerousGetHandle();
    }

    /// <summary>Prepares the command's SQL on its connection and binds its parameters.</summary>
    public static SqliteStatement Prepare(SqliteConnection connection, System.Data.Common.DbCommand command)
    {
        var database = connection.Handle!;
        if (raw.sqlite3_prepare_v2(database, command.CommandText, out var statement) != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), raw.sqlite3_errcode(database));
        }

        var rows = new SqliteStatement(database, statement);
        foreach (System.Data.Common.DbParameter parameter in command.Parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName);
            if (index > 0)
            {
                rows.Bind(index, parameter.Value);
            }
        }

        return rows;
    }

    /// <summary>Prepares SQL on a connection and binds its values, in order, to its parameters @p0, @p1 ...</summary>
    public static SqliteStatement Prepare(SqliteConnection connection, string sql, IEnumerable<object?> values)
    {
        var database = connection.Handle!;
        if (raw.sqlite3_prepare_v2(database, sql, out var statement) != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), raw.sqlite3_errcode(database));
        }

        var rows = new SqliteStatement(database, statement);
        try
        {
            var index = 0;
            foreach (var value in values)
            {
                var position = raw.sqlite3_bind_parameter_index(statement, Providers.SqlStatement.ParameterName(index++));
                if (position > 0)
                {
                    rows.Bind(position, value);
                }
            }
        }
        catch
        {
            rows.Dispose();
            throw;
        }

        return rows;
    }

    /// <summary>Moves to the next row; false at the end.</summary>
    /// <exception cref="OperationCanceledException">The statement was interrupted.</exception>
    public bool Step()
    {
        var result = Step(_handle);
        return result switch
        {
            100 => true,
            101 => false,
            9 => throw new OperationCanceledException("The query was interrupted."),
            // An interrupt can surface as the statement's error code on the next call.
            _ when raw.sqlite3_errcode(_database) == 9 => throw new OperationCanceledException("The query was interrupted."),
            _ => throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result),
        };
    }

    /// <summary>Stops a running step from another thread (time limit, client gone).</summary>
    public void Interrupt() => raw.sqlite3_interrupt(_database);

    public bool IsNull(int column) => ColumnType(_handle, column) == Null;

    public long GetInt64(int column) => ColumnInt64(_handle, column);

    public double GetDouble(int column) => ColumnDouble(_handle, column);

    public string GetString(int column) => Encoding.UTF8.GetString(GetUtf8(column));

    public unsafe ReadOnlySpan<byte> GetUtf8(int column)
    {
        var text = ColumnText(_handle, column);
        return text == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)text, ColumnBytes(_handle, column));
    }

    public object GetValue(int column) => ColumnType(_handle, column) switch
    {
        1 => GetInt64(column),
        2 => GetDouble(column),
        Null => DBNull.Value,
        _ => GetString(column),
    };

    public void Dispose() => _statement.Dispose();

    private void Bind(int index, object? value)
    {
        var result = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            int or long or short or byte => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            double or float => raw.sqlite3_bind_double(_statement, index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            DateOnly date => raw.sqlite3_bind_text(_statement, index, date.ToString("yyyy\\-MM\\-dd", System.Globalization.CultureInfo.InvariantCulture)),
            _ => raw.sqlite3_bind_text(_statement, index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int Step(IntPtr statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    private static partial int ColumnType(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    private static partial long ColumnInt64(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [SuppressGCTransition]
    private static partial double ColumnDouble(IntPtr statement, int column);

    // Not marked SuppressGCTransition: converting a number to text allocates inside SQLite.
    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    private static partial IntPtr ColumnText(IntPtr statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int ColumnBytes(IntPtr statement, int column);
}
