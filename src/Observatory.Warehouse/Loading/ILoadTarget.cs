using Microsoft.EntityFrameworkCore.Metadata;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// A provider's way to load atomically: build a complete warehouse beside the live one, then swap it in.
/// A failure or interruption at any point before the swap leaves the live warehouse as it was.
/// </summary>
internal interface ILoadTarget : IAsyncDisposable
{
    /// <summary>The model of the provider's context, for column mappings.</summary>
    IModel Model { get; }

    /// <summary>
    /// Takes the location for this load alone. Fails with a <see cref="WarehouseException"/> when another load
    /// holds it; until this succeeds the target owns nothing and <see cref="AbandonAsync"/> does nothing.
    /// </summary>
    Task LockAsync(CancellationToken cancellationToken);

    /// <summary>Creates the staging warehouse through the migrations and drops its secondary indexes and constraints.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Where the staging warehouse is, for steps that work on it once it is complete.</summary>
    WarehouseOptions Staging { get; }

    ITableWriter CreateWriter(string table, IReadOnlyList<string> columns);

    /// <summary>Rebuilds indexes and constraints and gathers planner statistics.</summary>
    Task FinishStagingAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the live warehouse with the staging one in a single atomic step.</summary>
    Task PublishAsync(CancellationToken cancellationToken);

    /// <summary>Removes whatever staging this load made; the live warehouse, and another load's staging, are not touched.</summary>
    Task AbandonAsync();
}
