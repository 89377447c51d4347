using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Observatory.Api.Feed.Writing;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// Runs a query's SQL (as EF Core generates it, logged at Debug under <see cref="LogCategory"/>) and streams its
/// rows to a writer. The query time limit covers
/// running the SQL up to its first row; a result that is being streamed is only stopped by the client.
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
                await startResponse();
                long written = 0;
                long? lastKey = null;
                while (hasRow)
                {
                    if (written == limit)
                    {
                        return new Outcome(written, More: true, lastKey);
                    }

                    await writer.WriteRowAsync(reader, cancellationToken);
                    if (keyColumn is { } key)
                    {
                        lastKey = reader.GetInt64(key);
                    }

                    written++;
                    hasRow = await reader.ReadAsync(cancellationToken);
                }

                return new Outcome(written, More: false, lastKey);
            }
        }
        finally
        {
            await warehouse.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>A query ran past the feed's time limit before producing a row; answered 503 with Retry-After.</summary>
public sealed class QueryTimeoutException(TimeSpan limit) : Exception($"The query ran longer than the {limit.TotalSeconds:0}-second limit.")
{
    public TimeSpan Limit { get; } = limit;
}
