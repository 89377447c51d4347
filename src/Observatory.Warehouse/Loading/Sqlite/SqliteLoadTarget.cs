using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Warehouse.Loading.Sqlite;

/// <summary>
/// Builds the new warehouse in a sibling file and renames it over the live one: rename is atomic on one file
/// system, so readers see either the old warehouse or the new one, never a half-written file.
/// </summary>
internal sealed class SqliteLoadTarget(WarehouseOptions options) : ILoadTarget
{
    // The lock file is held by another load (EAGAIN from flock on Linux, ERROR_SHARING_VIOLATION on Windows), as
    // opposed to a folder that cannot be written.
    private static readonly int[] LockedByAnother = [11, unchecked((int)0x80070020)];

    private readonly string _livePath = options.SqliteFilePath;
    private readonly string _stagingPath = options.SqliteFilePath + ".loading";
    private readonly List<string> _indexDefinitions = [];
    private FileStream? _lock;
    private BulkConnection? _connection;
    private IModel? _model;

    public IModel Model => _model ?? throw new InvalidOperationException("Prepare the target first.");

    public Task LockAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_livePath)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WarehouseException($"Cannot create the folder for {_livePath}: {e.Message}", e);
        }

        try
        {
            // The lock file is never deleted: removing it while another process waits on it would let a third
            // process lock a new file of the same name.
            _lock = new FileStream(_livePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (LockedByAnother.Contains(e.HResult))
        {
            throw new WarehouseException($"Another load is writing to {_livePath}; wait for it to finish.", e);
        }
        catch (IOException e)
        {
            throw new WarehouseException($"Cannot write beside {_livePath}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WarehouseException($"Cannot write beside {_livePath}: {e.Message}", e);
        }

        return Task.CompletedTask;
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        DeleteStaging();

        var staging = options with { ConnectionString = StagingConnectionString() };
        await using (var context = WarehouseContextFactory.Create(staging))
        {
            await context.Database.MigrateAsync(cancellationToken);
            _model = context.Model;
        }

        _connection = BulkConnection.Open(_stagingPath);

        // The staging file is thrown away if anything fails, so it needs no journal or fsync while rows go in.
        Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; " +
                "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536; PRAGMA threads = 2;");

        // Secondary indexes are dropped and rebuilt after the load: building an index once from sorted data is
        // several times cheaper than maintaining it row by row.
        foreach (var (name, definition) in Connection.Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        {
            _indexDefinitions.Add(definition);
            Execute($"DROP INDEX \"{name}\"");
        }

        Execute("BEGIN");
    }

    public WarehouseOptions Staging => options with { ConnectionString = StagingConnectionString() };

    public ITableWriter CreateWriter(string table, IReadOnlyList<string> columns) =>
        new SqliteTableWriter(Connection.Database, table, columns);

    public Task FinishStagingAsync(CancellationToken cancellationToken)
    {
        Execute("COMMIT");
        // Index builds sort in memory-sized runs and merge them on two threads; runs that fit the CPU caches
        // merge faster than a large page cache would.
        Execute("PRAGMA cache_size = -16384");
        foreach (var definition in _indexDefinitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Execute(definition);
        }

        // Planner statistics from a sample of each index: enough for the star joins, seconds cheaper than a full scan.
        Execute("PRAGMA analysis_limit = 1000; ANALYZE");
        // Published with a rollback journal: readers share the file without -wal/-shm companions to keep in step.
        Execute("PRAGMA journal_mode = DELETE");
        Close();
        return Task.CompletedTask;
    }

    public Task PublishAsync(CancellationToken cancellationToken)
    {
        using (var file = new FileStream(_stagingPath, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Flush(flushToDisk: true);
        }

        // Companions of an earlier write-ahead-logged file would be applied to the new one: remove them first.
        File.Delete(_livePath + "-wal");
        File.Delete(_livePath + "-shm");
        File.Move(_stagingPath, _livePath, overwrite: true);
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    public Task AbandonAsync()
    {
        Close();
        if (_lock is not null)
        {
            DeleteStaging();
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
        }
    }

    private BulkConnection Connection => _connection ?? throw new InvalidOperationException("Prepare the target first.");

    private string StagingConnectionString() =>
        new SqliteConnectionStringBuilder { DataSource = _stagingPath, Pooling = false }.ToString();

    private void DeleteStaging()
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(_stagingPath + suffix);
        }
    }

    private void Execute(string sql) => Connection.Execute(sql);

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
