using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Planning;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Running;

/// <summary>
/// Runs a plan's SQL on a read-only connection, a few queries at a time, each within the feed's time limit (which a
/// departing client also ends: the statement is stopped in the database). Everything that can fail before the
/// first row (the count, the query itself, a missing or busy warehouse) fails here, before a byte is written.
/// Queries of the fact tables and queries of everything else (dimensions, summary sets, indicators) take turns in
/// separate lanes, so that a board member's indicator read never queues behind a Power BI refresh of the facts.
/// </summary>
public sealed class QueryRunner(WarehouseDatabase database, Microsoft.Extensions.Options.IOptions<FeedLimits> options, ILoggerFactory loggers) : IDisposable
{
    public const string SqlLogCategory = "Observatory.Feed.Sql";

    private readonly FeedLimits _limits = options.Value;
    private readonly SemaphoreSlim _facts = new(options.Value.MaxConcurrentQueries);
    private readonly SemaphoreSlim _others = new(options.Value.MaxConcurrentQueries);
    private readonly ILogger _sql = loggers.CreateLogger(SqlLogCategory);

    /// <summary>Runs the plan up to its first row.</summary>
    /// <exception cref="QueryTimeoutException">No row came within the time limit.</exception>
    /// <exception cref="WarehouseUnavailableException">The warehouse could not answer.</exception>
    /// <exception cref="QueryRejectedException">The database refused a value of the query.</exception>
    public async Task<QueryRun> StartAsync(FeedPlan plan, CancellationToken aborted)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(_limits.QueryTimeout);
        var entered = false;
        var gate = Security.SetAccess.KindOf(plan.Request.Resource.Set.Name) == Security.SetKind.Fact ? _facts : _others;
        System.Data.Common.DbConnection? connection = null;
        IRowReader? rows = null;
        try
        {
            // Waiting is asynchronous: a queue of requests holds no threads.
            await gate.WaitAsync(deadline.Token);
            entered = true;
            connection = await database.OpenForReadingAsync(deadline.Token);
            long? count = null;
            if (plan.Count is { } counting)
            {
                Log(counting);
                count = await database.ReadNumberAsync(connection, counting, deadline.Token) ?? 0;
            }

            var hasRow = false;
            if (plan.Rows is { } statement)
            {
                Log(statement);
                rows = await database.ReadAsync(connection, statement, deadline.Token);
                hasRow = await rows.ReadAsync();
            }

            // A first row that came past the limit is past it all the same (an interrupt that lands before SQLite starts is lost).
            deadline.Token.ThrowIfCancellationRequested();
            return new QueryRun(count, rows, hasRow, connection, deadline, gate);
        }
        catch (Exception e)
        {
            if (rows is not null)
            {
                await rows.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (entered)
            {
                gate.Release();
            }

            var timedOut = deadline.IsCancellationRequested && !aborted.IsCancellationRequested;
            deadline.Dispose();
            if (e is OperationCanceledException && timedOut)
            {
                throw new QueryTimeoutException(_limits.QueryTimeout);
            }

            throw;
        }
    }

    /// <summary>
    /// Runs work that reads the fact tables on connections of its own and returns what it computed (a live indicator),
    /// in the lane of fact queries and within the time limit.
    /// </summary>
    /// <exception cref="QueryTimeoutException">The work did not finish within the time limit.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(_limits.QueryTimeout);
        var entered = false;
        try
        {
            await _facts.WaitAsync(deadline.Token);
            entered = true;
            return await work(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new QueryTimeoutException(_limits.QueryTimeout);
        }
        finally
        {
            if (entered)
            {
                _facts.Release();
            }
        }
    }

    public void Dispose()
    {
        _facts.Dispose();
        _others.Dispose();
    }

    private void Log(SqlStatement statement) => _sql.LogDebug("{Sql}", statement.Text);
}

/// <summary>
/// A running query: its count, its rows (on the first one, if any), and the time it has left. Disposing it stops
/// the query and frees its place.
/// </summary>
public sealed class QueryRun(long? count, IRowReader? rows, bool hasRow, System.Data.Common.DbConnection connection,
    CancellationTokenSource deadline, SemaphoreSlim gate) : IAsyncDisposable
{
    public long? Count { get; } = count;

    /// <summary>The rows, positioned on the first one when <see cref="HasRow"/>.</summary>
    public IRowReader Rows => rows ?? throw new InvalidOperationException("This plan has no rows.");

    public bool HasRow { get; private set; } = hasRow;

    /// <summary>Ends when the time limit passes or the client leaves.</summary>
    public CancellationToken Token => deadline.Token;

    /// <summary>Whether the time limit (not the client) ended the run.</summary>
    public bool TimedOut(CancellationToken aborted) => deadline.IsCancellationRequested && !aborted.IsCancellationRequested;

    public async ValueTask<bool> NextAsync() => HasRow = await Rows.ReadAsync();

    public async ValueTask DisposeAsync()
    {
        if (rows is not null)
        {
            await rows.DisposeAsync();
        }

        await connection.DisposeAsync();
        deadline.Dispose();
        gate.Release();
    }
}
