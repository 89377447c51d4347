using System.Data.Common;
using Microsoft.Data.Sqlite;
using Observatory.Warehouse.Infrastructure;
using SQLitePCL;

namespace Observatory.Warehouse.Providers;

/// <summary>
/// The embedded warehouse file. Readers open it read-only, so a missing file is reported, never created, and wait
/// a short while for a writer holding its lock before answering that it is busy. Rows are stepped through the
/// native library (<see cref="SqliteStatement"/>).
/// </summary>
public sealed class SqliteDatabase(WarehouseOptions options) : WarehouseDatabase(options)
{
    /// <summary>How long a read waits for another process's write lock before the warehouse is reported busy.</summary>
    public static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(2);

    /// <summary>How much of the file a scanning connection maps into memory (address space, not memory: pages are read as touched).</summary>
    private const long MappedBytes = 1L << 30;

    private readonly string _readOnly = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;

    // Not pooled: the file stays mapped while the connection is open, and no other query inherits the mapping.
    private readonly string _scanning = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;

    public override SqlDialect Dialect => SqliteDialect.Instance;

    public override bool GroupsCheaply => false;

    public override Task<DbConnection> OpenForReadingAsync(CancellationToken cancellationToken) => OpenAsync(_readOnly, mapped: false, cancellationToken);

    /// <summary>
    /// A connection whose reads go through a memory map of the file: a lookup of a row anywhere in a large table then
    /// costs a page fault on a page the system already caches, rather than a read call and a copy.
    /// </summary>
    public override Task<DbConnection> OpenForScanningAsync(CancellationToken cancellationToken) => OpenAsync(_scanning, mapped: true, cancellationToken);

    private async Task<DbConnection> OpenAsync(string connectionString, bool mapped, CancellationToken cancellationToken)
    {
        if (!File.Exists(Options.SqliteFilePath))
        {
            throw Missing(null);
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await GuardAsync(async () =>
            {
                await connection.OpenAsync(cancellationToken);
                return 0;
            });
            raw.sqlite3_busy_timeout(connection.Handle, (int)BusyWait.TotalMilliseconds);
            if (mapped)
            {
                raw.sqlite3_exec(connection.Handle, $"PRAGMA mmap_size = {MappedBytes}");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override Task<IRowReader> ReadAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken) =>
        GuardAsync<IRowReader>(() =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var prepared = SqliteStatement.Prepare((SqliteConnection)connection, statement.Text, statement.Parameters.Select(Dialect.Parameter));
            return Task.FromResult<IRowReader>(new Rows(prepared, this, cancellationToken));
        });

    public override Exception? Classify(Exception failure) => failure switch
    {
        WarehouseUnavailableException or QueryRejectedException => failure,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xff) switch
        {
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED => new WarehouseUnavailableException(
                "The warehouse is busy: another process is writing to it. Try again in a few seconds.", TimeSpan.FromSeconds(5), sqlite),
            raw.SQLITE_NOTADB or raw.SQLITE_CORRUPT => new WarehouseUnavailableException(
                "The warehouse file is damaged or is not a database. Reload it with 'observatory seed --replace'.", TimeSpan.FromSeconds(60), sqlite),
            raw.SQLITE_CANTOPEN when !File.Exists(Options.SqliteFilePath) => Missing(sqlite),
            raw.SQLITE_CANTOPEN or raw.SQLITE_IOERR or raw.SQLITE_FULL or raw.SQLITE_NOMEM or raw.SQLITE_PERM => new WarehouseUnavailableException(
                "The warehouse file cannot be read at the moment.", TimeSpan.FromSeconds(30), sqlite),
            // A file without the warehouse's tables (an empty database) is not a warehouse.
            raw.SQLITE_ERROR when sqlite.Message.Contains("no such table", StringComparison.Ordinal) => new WarehouseUnavailableException(
                "The warehouse file holds no warehouse. Load one with 'observatory seed --replace'.", TimeSpan.FromSeconds(60), sqlite),
            _ => null,
        },
        _ => null,
    };

    private static WarehouseUnavailableException Missing(Exception? inner) => new(
        "There is no warehouse at the configured location. Load one with 'observatory seed' (or start the host with Warehouse:SeedDemoWhenMissing).",
        TimeSpan.FromSeconds(60), inner);

    private sealed class Rows : IRowReader
    {
        private readonly SqliteStatement _statement;
        private readonly CancellationTokenRegistration _stop;
        private readonly CancellationToken _cancellation;
        private readonly SqliteDatabase _database;

        public Rows(SqliteStatement statement, SqliteDatabase database, CancellationToken cancellation)
        {
            _statement = statement;
            _cancellation = cancellation;
            _database = database;
            // A cancelled read interrupts SQLite in the middle of a step.
            _stop = cancellation.Register(statement.Interrupt);
        }

        public ValueTask<bool> ReadAsync()
        {
            try
            {
                return ValueTask.FromResult(_statement.Step());
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException("The read was stopped.", _cancellation);
            }
            catch (SqliteException e) when (_database.Classify(e) is { } classified)
            {
                throw classified;
            }
        }

        public bool IsNull(int column) => _statement.IsNull(column);

        public long GetInt64(int column) => _statement.GetInt64(column);

        public double GetDouble(int column) => _statement.GetDouble(column);

        public string GetString(int column) => _statement.GetString(column);

        public ReadOnlySpan<byte> GetUtf8(int column) => _statement.GetUtf8(column);

        public object GetValue(int column) => _statement.GetValue(column);

        public ValueTask DisposeAsync()
        {
            _stop.Dispose();
            _statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
