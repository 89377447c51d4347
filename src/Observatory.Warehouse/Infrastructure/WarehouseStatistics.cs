using Microsoft.EntityFrameworkCore;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>Row counts of every warehouse table, for 'info' and the host's status page.</summary>
public static class WarehouseStatistics
{
    /// <returns>Each table with its kind (fact, summary or dimension) and row count, facts first.</returns>
    public static async Task<IReadOnlyList<(string Table, string Kind, long Rows)>> CountRowsAsync(
        WarehouseContext context, CancellationToken cancellationToken)
    {
        string Kind(Type type) => WarehouseTables.Facts.Contains(type) ? "fact" : WarehouseTables.Summaries.Contains(type) ? "summary"
            : WarehouseTables.Indicators.Contains(type) ? "indicator" : "dimension";
        var counts = new List<(string, string, long)>();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var entity in context.Model.GetEntityTypes().OrderBy(e => Kind(e.ClrType), StringComparer.Ordinal).ThenBy(e => e.GetTableName()))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{entity.GetTableName()}\"";
                var rows = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                counts.Add((entity.GetTableName()!, Kind(entity.ClrType), rows));
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        return counts;
    }
}
