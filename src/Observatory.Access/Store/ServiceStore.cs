using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Observatory.Warehouse;

namespace Observatory.Access.Store;

/// <summary>Opens the service store, bringing its schema up to date once per process before the first use.</summary>
public sealed class ServiceStore(ServiceStoreOptions options) : IDisposable
{
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public ServiceStoreOptions Options { get; } = options;

    public void Dispose() => _migration.Dispose();

    public async Task<ServiceStoreContext> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return Create();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            if (Options.Provider == WarehouseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                await MigrateContextAsync(cancellationToken);
            }
            else
            {
                // Hosts starting at once against one server take turns: two creating the schema or its history
                // table together would fail. The lock is the session's, released when the connection closes.
                await using var connection = new NpgsqlConnection(Options.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using (var wait = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection))
                {
                    wait.Parameters.AddWithValue("name", $"observatory-service-store:{Options.Schema}");
                    await wait.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{Options.Schema}\"", connection))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                await MigrateContextAsync(cancellationToken);
            }

            _migrated = true;
        }
        finally
        {
            _migration.Release();
        }
    }

    private async Task MigrateContextAsync(CancellationToken cancellationToken)
    {
        await using var context = Create();
        await context.Database.MigrateAsync(cancellationToken);
    }

    private ServiceStoreContext Create() => Options.Provider switch
    {
        WarehouseProvider.Sqlite => new SqliteServiceStoreContext(new DbContextOptionsBuilder<SqliteServiceStoreContext>()
            .UseSqlite(Sqlite(Options.ConnectionString), sqlite => sqlite.CommandTimeout(30)).Options),
        _ => new PostgreSqlServiceStoreContext(new DbContextOptionsBuilder<PostgreSqlServiceStoreContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(Options.ConnectionString) { SearchPath = Options.Schema }.ConnectionString,
                npgsql => npgsql.CommandTimeout(30).MigrationsHistoryTable("__EFMigrationsHistory", Options.Schema)).Options),
    };

    // Many requests append audit rows while the command line reads them: wait for a lock rather than fail at once.
    private static string Sqlite(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true }.ToString();
}
