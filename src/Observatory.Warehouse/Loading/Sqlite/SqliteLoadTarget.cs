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
    private readonly string _livePath = options.SqliteFilePath;
    private readonly string _stagingPath = options.SqliteFilePath + ".loading";
    private readonly List<string> _indexDefinitions = [];
    private FileStream? _lock;
    private SqliteConnection? _connection;
    private IModel? _model;

    public IModel Model => _model ?? throw new InvalidOperationException("Prepare the target first.");

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_livePath)!);
        _lock = AcquireLock();
        DeleteStaging();

        var staging = options with { ConnectionString = StagingConnectionString() };
        await using (var context = WarehouseContextFactory.Create(staging))
        {
            await context.Database.MigrateAsync(cancellationToken);
            _model = context.Model;
        }

        _connection = new SqliteConnection(StagingConnectionString());
        await _connection.OpenAsync(cancellationToken);

        // The staging file is thrown away if anything fails, so it needs no journal or fsync while rows go in.
        await ExecuteAsync("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; " +
                           "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;", cancellationToken);

        // Secondary indexes are dropped and rebuilt after the load: building an index once from sorted data is
        // several times cheaper than maintaining it row by row.
        await using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var names = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
                _indexDefinitions.Add(reader.GetString(1));
            }

            await reader.DisposeAsync();
            foreach (var name in names)
            {
                await ExecuteAsync($"DROP INDEX \"{name}\"", cancellationToken);
            }
        }

        await ExecuteAsync("BEGIN", cancellationToken);
    }

    public ITableWriter<T> CreateWriter<T>(TableMapping<T> mapping) =>
        new SqliteTableWriter<T>(Connection.Handle!, mapping);

    public async Task FinishStagingAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("COMMIT", cancellationToken);
        foreach (var definition in _indexDefinitions)
        {
            await ExecuteAsync(definition, cancellationToken);
        }

        await ExecuteAsync("ANALYZE", cancellationToken);
        // Published with a rollback journal: readers share the file without -wal/-shm companions to keep in step.
        await ExecuteAsync("PRAGMA journal_mode = DELETE", cancellationToken);
        await CloseAsync();
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

    public async Task AbandonAsync()
    {
        await CloseAsync();
        DeleteStaging();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
            File.Delete(_lock.Name);
        }
    }

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("Prepare the target first.");

    private string StagingConnectionString() =>
        new SqliteConnectionStringBuilder { DataSource = _stagingPath, Pooling = false }.ToString();

    private FileStream AcquireLock()
    {
        try
        {
            return new FileStream(_livePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new WarehouseException($"Another load is writing to {_livePath}; wait for it to finish.", e);
        }
    }

    private void DeleteStaging()
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(_stagingPath + suffix);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CloseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
