using Npgsql;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>A private warehouse location for one test: a temporary SQLite file, or a PostgreSQL schema of its own.</summary>
public sealed class TestLocation : IAsyncDisposable
{
    private readonly string? _directory;

    private TestLocation(WarehouseOptions options, string? directory)
    {
        Options = options;
        _directory = directory;
    }

    public WarehouseOptions Options { get; }

    public WarehouseProvider Provider => Options.Provider;

    public static TheoryData<WarehouseProvider> Providers => [WarehouseProvider.Sqlite, WarehouseProvider.PostgreSql];

    public static TestLocation Create(WarehouseProvider provider) => provider == WarehouseProvider.Sqlite ? Sqlite() : PostgreSql();

    public static TestLocation Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestLocation(WarehouseOptions.Create("Sqlite", $"Data Source={Path.Combine(directory, "warehouse.db")}"), directory);
    }

    public static TestLocation PostgreSql() =>
        new(WarehouseOptions.Create("PostgreSql", TestPostgres.ConnectionString, $"t_{Guid.NewGuid():N}"[..24]), null);

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP SCHEMA IF EXISTS \"{Options.Schema}\" CASCADE; DROP SCHEMA IF EXISTS \"{Options.Schema}_loading\" CASCADE; " +
            $"DROP SCHEMA IF EXISTS \"{Options.Schema}_retired\" CASCADE; DROP SCHEMA IF EXISTS \"{Options.Schema}_service\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
