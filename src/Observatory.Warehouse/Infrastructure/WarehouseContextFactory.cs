using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>Builds the provider's context for a location. The host registers the same configuration through DI.</summary>
public static class WarehouseContextFactory
{
    private static readonly Lazy<Microsoft.EntityFrameworkCore.Metadata.IModel> SharedModel = new(() =>
    {
        using var context = new SqliteWarehouseContext(new DbContextOptionsBuilder<SqliteWarehouseContext>().UseSqlite("Data Source=:memory:").Options);
        return context.Model;
    });

    /// <summary>The warehouse's EF Core model (tables, columns, keys and navigations are the same for both providers).</summary>
    public static Microsoft.EntityFrameworkCore.Metadata.IModel Model => SharedModel.Value;

    /// <param name="options">Where the warehouse is.</param>
    /// <param name="loggerFactory">The host's logging, so the SQL a query runs can be logged; none for tools.</param>
    /// <param name="readOnly">Only read: a missing SQLite file is reported rather than created, and nothing can be written.</param>
    public static WarehouseContext Create(WarehouseOptions options, ILoggerFactory? loggerFactory = null, bool readOnly = false) =>
        Build(readOnly ? ReadOnly(options) : options, loggerFactory, readOnly);

    private static WarehouseContext Build(WarehouseOptions options, ILoggerFactory? loggerFactory, bool readOnly) => options.Provider switch
    {
        WarehouseProvider.Sqlite => new SqliteWarehouseContext(
            Configure(new DbContextOptionsBuilder<SqliteWarehouseContext>(), options, loggerFactory, readOnly).Options),
        _ => new PostgreSqlWarehouseContext(
            Configure(new DbContextOptionsBuilder<PostgreSqlWarehouseContext>(), options, loggerFactory, readOnly).Options),
    };

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder, WarehouseOptions options, ILoggerFactory? loggerFactory, bool readOnly)
        where T : WarehouseContext
    {
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        Configure(builder, options, readOnly);
        return builder;
    }

    private static void Configure(DbContextOptionsBuilder builder, WarehouseOptions options, bool readOnly = false)
    {
        if (options.Provider == WarehouseProvider.Sqlite)
        {
            // On SQLite the command timeout is how long a command retries while another process holds the write lock:
            // a reader answers busy after the feed's short wait rather than waiting out a whole load.
            builder.UseSqlite(options.ConnectionString, sqlite => sqlite.CommandTimeout(readOnly ? (int)Providers.SqliteDatabase.BusyWait.TotalSeconds : 600));
        }
        else
        {
            builder.UseNpgsql(PostgreSqlConnectionString(options, options.Schema), npgsql => npgsql.CommandTimeout(600));
        }

        // The warehouse is read-only to queries: tracking would only cost memory.
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }

    private static WarehouseOptions ReadOnly(WarehouseOptions options) => options with
    {
        ConnectionString = options.Provider == WarehouseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString) { Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ToString()
            : new NpgsqlConnectionStringBuilder(options.ConnectionString) { Options = "-c default_transaction_read_only=on" }.ToString(),
    };

    /// <summary>Tables are unqualified in SQL and migrations; the search path puts them in the warehouse schema.</summary>
    public static string PostgreSqlConnectionString(WarehouseOptions options, string schema) =>
        new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = schema }.ConnectionString;
}
