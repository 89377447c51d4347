using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Observatory.Api.Feed.Writing;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// Runs a query's SQL (as EF Core generates it, logged at Debug under <see cref="LogCategory"/>) and streams its
/// rows to a writer: on SQLite through the native library (<see cref="SqliteRows"/>), elsewhere through the
/// provider's reader. The query time limit covers running the SQL up to its first row; a result that is being
/// streamed is only stopped by the client.
/// </summary>
public static class SqlRunner
{
    public const string LogCategory = "Observatory.Feed.Sql";

    /// <summary>What a streamed result wrote.</summary>
    /// <param name="Written">Rows written.</param>
    /// <param name="More">Whether a row beyond the limit exists (so a next page does).</param>
    /// <param name="LastKey">The last written row's value in <c>keyColumn</c>, for key-set paging.</param>
    public sealed record Outcome(long Written, bool More, long? LastKey);

    /// <exception cref="QueryTimeoutException">The SQL did not produce its first row within the limit.</exception>
    public static async Task<Outcome> RunAsync(
        WarehouseContext warehouse, IQueryable query, IRowWriter writer, Func<Task> startResponse,
        long? limit, int? keyColumn, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
        logger.LogDebug("{Sql}", command.CommandText);
        await warehouse.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return warehouse.Database.GetDbConnection() is SqliteConnection sqlite
                ? await RunOnSqliteAsync(sqlite, command, writer, startResponse, limit, keyColumn, timeout, cancellationToken)
                : await RunOnReaderAsync(command, writer, startResponse, limit, keyColumn, timeout, cancellationToken);
        }
        finally
        {
            await warehouse.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Outcome> RunOnSqliteAsync(SqliteConnection connection, DbCommand command, IRowWriter writer,
        Func<Task> startResponse, long? limit, int? keyColumn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var rows = SqliteRows.Prepare(connection, command);
        using var deadline = new CancellationTokenSource(timeout);
        bool hasRow;
        // The first step runs the query; a time limit or a departing client interrupts SQLite mid-statement.
        await using (deadline.Token.Register(rows.Interrupt))
        await using (cancellationToken.Register(rows.Interrupt))
        {
            try
            {
                hasRow = rows.Step();
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new QueryTimeoutException(timeout);
            }
        }

        // An interrupt that lands before SQLite starts the statement is lost; a first row that came past the
        // limit is past it all the same.
        if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new QueryTimeoutException(timeout);
        }

        await using var stopOnDeparture = cancellationToken.Register(rows.Interrupt);
        return await StreamAsync(rows, hasRow, () => ValueTask.FromResult(rows.Step()), writer, startResponse, limit, keyColumn, cancellationToken);
    }

    private static async Task<Outcome> RunOnReaderAsync(DbCommand command, IRowWriter writer,
        Func<Task> startResponse, long? limit, int? keyColumn, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        DbDataReader reader;
        bool hasRow;
        try
        {
            reader = await command.ExecuteReaderAsync(deadline.Token);
            hasRow = await reader.ReadAsync(deadline.Token);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is OperationCanceledException or DbException)
        {
            throw new QueryTimeoutException(timeout);
        }

        await using (reader)
        {
            return await StreamAsync(new ReaderRows(reader), hasRow, () => new ValueTask<bool>(reader.ReadAsync(cancellationToken)),
                writer, startResponse, limit, keyColumn, cancellationToken);
        }
    }

    /// <param name="row">The current row, read through by the writer.</param>
    /// <param name="hasRow">Whether the first row exists (the query has already been run to it).</param>
    /// <param name="next">Moves to the next row; false when none is left.</param>
    private static async Task<Outcome> StreamAsync(IRowSource row, bool hasRow, Func<ValueTask<bool>> next, IRowWriter writer,
        Func<Task> startResponse, long? limit, int? keyColumn, CancellationToken cancellationToken)
    {
        await startResponse();
        long written = 0;
        long? lastKey = null;
        while (hasRow)
        {
            if (written == limit)
            {
                return new Outcome(written, More: true, lastKey);
            }

            await writer.WriteRowAsync(row, cancellationToken);
            if (keyColumn is { } key)
            {
                lastKey = row.GetInt64(key);
            }

            written++;
            hasRow = await next();
        }

        return new Outcome(written, More: false, lastKey);
    }
}

/// <summary>A query ran past the feed's time limit before producing a row; answered 503 with Retry-After.</summary>
public sealed class QueryTimeoutException(TimeSpan limit) : Exception($"The query ran longer than the {limit.TotalSeconds:0.##}-second limit.")
{
    public TimeSpan Limit { get; } = limit;
}
