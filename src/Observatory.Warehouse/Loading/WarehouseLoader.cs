using System.Diagnostics;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Schema;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Loads a whole warehouse from a source, atomically: rows stream into a staging warehouse built by the
/// migrations (secondary indexes dropped), indexes are rebuilt after the rows are in, and only then is the
/// staging warehouse swapped for the live one. Anything that fails before the swap leaves the live one intact.
/// </summary>
public sealed class WarehouseLoader(WarehouseOptions options, IReadOnlyList<IStagingStep>? steps = null)
{
    public LoadProgress Progress { get; } = new();

    /// <summary>
    /// Fails with a clear message when a load here would be refused: unreachable, foreign, or existing without
    /// leave to replace. A load checks again once it holds the location; callers may check early for a quick answer.
    /// </summary>
    public async Task CheckTargetAsync(bool replaceExisting, CancellationToken cancellationToken = default)
    {
        var inspection = await WarehouseSchema.InspectAsync(options, cancellationToken);
        if (inspection.State == WarehouseState.Incompatible)
        {
            throw new WarehouseException(inspection.Detail);
        }

        if (inspection.State != WarehouseState.Missing && !replaceExisting)
        {
            throw new WarehouseException($"A warehouse already exists at {options.Describe()}. Replace it explicitly (seed --replace) or choose another location.");
        }
    }

    /// <summary>
    /// Removes what a load that was killed left behind (the staging file or schema), unless a load is running now:
    /// staging is otherwise only cleared by the next load, and can be as large as the warehouse.
    /// </summary>
    /// <returns>Whether anything could be checked (false while another load holds the location).</returns>
    public async Task<bool> RemoveAbandonedStagingAsync(CancellationToken cancellationToken = default)
    {
        await using var target = LoadTargets.Create(options);
        try
        {
            await target.LockAsync(cancellationToken);
        }
        catch (WarehouseException)
        {
            return false;
        }

        await target.AbandonAsync();
        return true;
    }

    /// <param name="source">Where the rows come from.</param>
    /// <param name="replaceExisting">An existing warehouse is replaced only when the caller says so.</param>
    /// <param name="cancellationToken">Stops the load; the live warehouse is left as it was.</param>
    public async Task<LoadSummary> LoadAsync(IWarehouseSource source, bool replaceExisting, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var load = source.Describe();
        load.StartedUtc = DateTime.UtcNow;

        await using var target = LoadTargets.Create(options);
        Progress.EnterStage("Waiting for the location");
        await target.LockAsync(cancellationToken);
        try
        {
            await CheckTargetAsync(replaceExisting, cancellationToken);
            Progress.EnterStage("Creating schema");
            await target.PrepareAsync(cancellationToken);

            Progress.EnterStage("Writing rows");
            await WriteRowsAsync(source, target, RecordKeys.For(load), cancellationToken);
            var writeTime = clock.Elapsed;

            load.CompletedUtc = DateTime.UtcNow;
            load.FactRows = WarehouseTables.FactTableNames(target.Model).Sum(t => Progress.RowsWritten.GetValueOrDefault(t));
            await WriteLoadRecordAsync(target, load, cancellationToken);

            Progress.EnterStage("Building indexes");
            await target.FinishStagingAsync(cancellationToken);
            var indexTime = clock.Elapsed - writeTime;

            foreach (var step in steps ?? [])
            {
                Progress.EnterStage(step.Stage);
                await step.RunAsync(target.Staging, cancellationToken);
            }

            var stepTime = clock.Elapsed - writeTime - indexTime;

            Progress.EnterStage("Publishing");
            cancellationToken.ThrowIfCancellationRequested();
            await target.PublishAsync(CancellationToken.None);
            Progress.EnterStage("Done");

            using var process = Process.GetCurrentProcess();
            return new LoadSummary(
                new Dictionary<string, long>(Progress.RowsWritten), load.FactRows, writeTime, indexTime, stepTime, clock.Elapsed,
                process.PeakWorkingSet64);
        }
        catch
        {
            Progress.EnterStage("Abandoned");
            await AbandonQuietlyAsync(target);
            throw;
        }
    }

    /// <summary>Cleans up staging without letting a cleanup failure hide the failure that caused it.</summary>
    private static async Task AbandonQuietlyAsync(ILoadTarget target)
    {
        try
        {
            await target.AbandonAsync();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // The staging copy is removed by the next load before it starts; the live warehouse was never touched.
        }
    }

    private async Task WriteRowsAsync(IWarehouseSource source, ILoadTarget target, RecordKeys recordKeys, CancellationToken cancellationToken)
    {
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sink = new WarehouseSink(target, target.Model, recordKeys, Progress, failure.Token);
        try
        {
            var writer = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        sink.DrainQueue();
                    }
                    catch
                    {
                        // Stop the producer at its next batch rather than let it fill a queue nobody reads.
                        failure.Cancel();
                        throw;
                    }
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var producer = Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        source.WriteTo(sink, failure.Token);
                        sink.CompleteAdding();
                    }
                    catch
                    {
                        failure.Cancel();
                        throw;
                    }
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            await WhenBothAsync(producer, writer);
            await sink.CompleteTablesAsync(cancellationToken);
        }
        finally
        {
            await sink.DisposeWritersAsync();
        }
    }

    /// <summary>Waits for both threads and reports the first real failure, not the cancellation it caused in the other.</summary>
    private static async Task WhenBothAsync(Task producer, Task writer)
    {
        try
        {
            await Task.WhenAll(producer, writer);
        }
        catch
        {
            var failures = new[] { producer, writer }
                .Where(t => t.IsFaulted)
                .SelectMany(t => t.Exception!.InnerExceptions)
                .ToList();
            var cause = failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.FirstOrDefault();
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private static async Task WriteLoadRecordAsync(ILoadTarget target, WarehouseLoad load, CancellationToken cancellationToken)
    {
        var mapping = TableMapping<WarehouseLoad>.From(target.Model);
        var batch = new RowBatch(mapping.Columns.Count, 1);
        mapping.WriteRow(load, batch.Record());
        await using var writer = target.CreateWriter(mapping.Table, mapping.Columns);
        writer.Write(batch);
        await writer.CompleteAsync(cancellationToken);
    }
}
