using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Warehouse.Providers;

/// <summary>
/// The one place where SQLite and PostgreSQL differ for reading the warehouse: the SQL they speak, how a
/// connection for reading is opened (never creating or writing anything), how rows are streamed and stopped, and
/// which failures mean the database is unavailable (answered 503) rather than that the query was wrong.
/// </summary>
public abstract class WarehouseDatabase(WarehouseOptions options)
{
    public static WarehouseDatabase For(WarehouseOptions options) => options.Provider switch
    {
        WarehouseProvider.Sqlite => new SqliteDatabase(options),
        _ => new PostgreSqlDatabase(options),
    };

    /// <summary>
    /// The database an EF Core context is connected to, for reading it with SQL of its own (the report pages and the
    /// commands hold a context, not its options).
    /// </summary>
    public static WarehouseDatabase For(WarehouseContext warehouse)
    {
        var connectionString = warehouse.Database.GetConnectionString()
                               ?? throw new InvalidOperationException("The warehouse context has no connection string.");
        return warehouse switch
        {
            SqliteWarehouseContext => new SqliteDatabase(new WarehouseOptions { Provider = WarehouseProvider.Sqlite, ConnectionString = connectionString }),
            // The context reaches its schema by the search path (WarehouseContextFactory.PostgreSqlConnectionString).
            _ => new PostgreSqlDatabase(new WarehouseOptions
            {
                Provider = WarehouseProvider.PostgreSql,
                ConnectionString = connectionString,
                Schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath ?? WarehouseOptions.DefaultSchema,
            }),
        };
    }

    public WarehouseOptions Options { get; } = options;

    public abstract SqlDialect Dialect { get; }

    /// <summary>
    /// Whether grouping rows into many small groups costs the database less than sending the rows out to be added
    /// up by the reader: PostgreSQL hashes its groups; SQLite sorts them into a temporary B-tree, which costs more
    /// than stepping through every row when nearly every row is its own group.
    /// </summary>
    public abstract bool GroupsCheaply { get; }

    /// <summary>Opens a read-only connection to the live warehouse.</summary>
    /// <exception cref="WarehouseUnavailableException">There is no warehouse, or it cannot be reached.</exception>
    public abstract Task<DbConnection> OpenForReadingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens a read-only connection for a query that reads many rows scattered through a large table (a live indicator's
    /// slice), read as cheaply as the provider can; by default a connection for reading.
    /// </summary>
    /// <exception cref="WarehouseUnavailableException">There is no warehouse, or it cannot be reached.</exception>
    public virtual Task<DbConnection> OpenForScanningAsync(CancellationToken cancellationToken) => OpenForReadingAsync(cancellationToken);

    /// <summary>Runs a statement and returns its rows; cancelling the token stops the statement in the database.</summary>
    /// <exception cref="WarehouseUnavailableException">The database failed, not the query.</exception>
    /// <exception cref="QueryRejectedException">The database refused a value of the query.</exception>
    public abstract Task<IRowReader> ReadAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken);

    /// <summary>The first column of the first row as a number (a count), or null when there is no row.</summary>
    public async Task<long?> ReadNumberAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var rows = await ReadAsync(connection, statement, cancellationToken);
        return await rows.ReadAsync() && !rows.IsNull(0) ? rows.GetInt64(0) : null;
    }

    /// <summary>
    /// The failure as <see cref="WarehouseUnavailableException"/> when the database could not answer, or as
    /// <see cref="QueryRejectedException"/> when it refused a value of the query; null when it is neither (a defect).
    /// </summary>
    public abstract Exception? Classify(Exception failure);

    /// <summary>
    /// <see cref="Classify"/> of the failure or of any exception inside it: EF Core wraps a provider's transient
    /// failures (a server that went away) in exceptions of its own.
    /// </summary>
    public Exception? ClassifyWithin(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (Classify(e) is { } known)
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="action"/>, turning database failures into the feed's two kinds.</summary>
    protected async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is not OperationCanceledException && Classify(e) is { } classified)
        {
            throw classified;
        }
    }
}
