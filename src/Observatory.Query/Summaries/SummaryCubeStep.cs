using Microsoft.EntityFrameworkCore;
using Observatory.Query.Sql;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Summaries;

/// <summary>
/// Builds the summary cubes (<see cref="SummaryCubes"/>) of a warehouse from its facts (<see cref="CubeBuilder"/>):
/// run by each load on its staging warehouse, so the cubes are published with the facts they add up, and on an
/// existing warehouse after an upgrade.
/// </summary>
public sealed class SummaryCubeStep : IStagingStep
{
    public string Stage => "Building summary cubes";

    public async Task RunAsync(WarehouseOptions staging, CancellationToken cancellationToken)
    {
        var database = WarehouseDatabase.For(staging);
        await using var warehouse = WarehouseContextFactory.Create(staging);
        var connection = warehouse.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        foreach (var cubes in SummaryCubes.All.GroupBy(c => c.Set))
        {
            await new CubeBuilder(SummaryCubes.SetOf(cubes.First()), [.. cubes]).BuildAsync(database, connection, cancellationToken);
        }

    }

    /// <summary>The cubes a warehouse holds (a warehouse loaded before them holds none, and the facts answer), from its catalogue.</summary>
    public static async Task<IReadOnlySet<string>> PresentAsync(WarehouseDatabase database, CancellationToken cancellationToken)
    {
        var tables = database.Options.Provider == WarehouseProvider.PostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var rows = await database.ReadAsync(connection, new SqlStatement(tables, []), cancellationToken);
        while (await rows.ReadAsync())
        {
            present.Add(rows.GetString(0));
        }

        present.IntersectWith(SummaryCubes.All.Select(c => c.Name));
        return present;
    }
}
